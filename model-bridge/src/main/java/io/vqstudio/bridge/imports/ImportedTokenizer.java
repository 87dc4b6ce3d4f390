package io.vqstudio.bridge.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.nn.Batches;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every tokenizer imported from another project does the same way around its own network:
 * {@link #load} builds it and copies the checkpoint's weights in, freeing it again when they do not
 * fit; {@link #encode} and {@link #decode} check their arguments
 * at the contract (one line naming what was expected) and run the family's slice functions over
 * the batch in slices without gradient recording ({@link Batches}), each slice's intermediates freed
 * with it. Parameter names are the source project's state-dict keys, so loading is a name-by-name
 * copy ({@link WeightCopy}).
 *
 * @param <S> the family's spec record
 */
public abstract class ImportedTokenizer<S extends TokenizerSpec> extends Module implements ImageTokenizer {

    private final S spec;

    protected ImportedTokenizer(S spec) {
        this.spec = spec;
    }

    @Override
    public final S spec() {
        return spec;
    }

    /** Images (B, 3, H, W) in [-1, 1], H = W = resolution -> code grid (B, g, g) int64. */
    @Override
    public final NDArray encode(NDArray images) {
        GridChecks.images(images, resolution());
        return Batches.map(images, cpuSlice(), this::encodeSlice);
    }

    /** Code grid (B, g, g) of ids below K -> images (B, 3, H, W) in [-1, 1] (as the family's decoder gives them). */
    @Override
    public final NDArray decode(NDArray grid) {
        NDArray ids = GridChecks.grid(grid, gridSize(), codebookSize());
        return Batches.map(ids, cpuSlice(), this::decodeSlice);
    }

    /**
     * A model built by {@code build} in a sub-manager of {@code m} with {@code weights} copied in (see
     * {@link WeightCopy#copy}); the sub-manager is closed again when loading fails.
     *
     * @throws ImportException when the model would not fit this machine, or the weights do not fit it
     * @throws IOException     when a weight cannot be read from the file
     */
    protected static <T extends ImportedTokenizer<?>> T load(StateDict sd, TokenizerSpec spec, NDManager m,
            Function<NDManager, T> build, Map<String, TensorRef> weights, Predicate<String> ignored, String what)
            throws IOException {
        try {
            spec.footprint().requireFits();
        } catch (SpecException e) {
            throw new ImportException(sd.file(), e.getMessage());
        }
        NDManager own = m.newSubManager();
        try {
            T model = build.apply(own);
            WeightCopy.copy(sd.file(), weights, model, ignored, what);
            return model;
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** One slice of checked images (b, 3, H, W) in [-1, 1] -> codes (b, g, g) int64. */
    protected abstract NDArray encodeSlice(NDArray images);

    /** One slice of checked int64 codes (b, g, g) -> images (b, 3, H, W) in [-1, 1]. */
    protected abstract NDArray decodeSlice(NDArray grid);

    /** Images per pass on the CPU (a GPU takes the batch whole). */
    protected long cpuSlice() {
        return Batches.CPU_SLICE;
    }
}
