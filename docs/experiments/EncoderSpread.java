import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.data.BatchLoader;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageBatch;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.TokenizerStore;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How spread out a tokenizer's encoder outputs are in the codebook's lookup space, on 64 held-out
 * images: the mean cosine similarity between the (unit) lookup vectors of two different tokens (1 = all
 * parallel), their effective dimension (participation ratio of the covariance's eigenvalues,
 * (sum l)^2 / sum l^2: 1 = all on a line, c = spread evenly over all c dimensions) and how many
 * distinct codes those 64 x T tokens choose. Checks explanations of the early codebook collapse.
 *
 *   java -cp model-bridge/target/vqstudio.jar docs/experiments/EncoderSpread.java DATA MODEL...
 *
 * MODEL is a preset name (a freshly initialised model) or a checkpoint / run directory.
 */
public class EncoderSpread {
    public static void main(String[] args) throws Exception {
        EngineRuntime.start(RuntimeSpec.defaults().withThreads(2));
        ImageDataset data = ImageDataset.open(DataSpec.defaults(Path.of(args[0])));
        float[] pixels;
        try (BatchLoader loader = BatchLoader.builder(data, Split.Part.VALIDATION).optBatchSize(64)
                .optShuffle(false).optEpochs(1).build()) {
            pixels = loader.next().pixels();
        }
        System.out.println("| model | mean cosine between tokens | effective dimension | distinct codes of 64 images |");
        System.out.println("|---|---|---|---|");
        for (int i = 1; i < args.length; i++) {
            try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device()); NoGrad g = NoGrad.enter()) {
                Tokenizer t = Families.tokenizerPresets().containsKey(args[i])
                        ? TokenizerStore.build(m, Families.tokenizerPreset(args[i]))
                        : TokenizerStore.load(Path.of(args[i]), m).tokenizer();
                int res = t.spec().resolution();
                NDArray x = m.create(pixels, new Shape(64, 3, res, res));
                NDArray z = t.quantizer().lookupSpace(t.encodeContinuous(x));     // (64, T, c)
                NDArray v = z.reshape(-1, z.getShape().get(2));                     // (N, c)
                v = v.normalize(2, 1, 1e-6);
                long n = v.getShape().get(0);
                NDArray sum = v.sum(new int[] {0});                                 // (c)
                // sum_{i != j} cos(v_i, v_j) = |sum v|^2 - n
                double pairs = sum.dot(sum).getFloat() - n;
                NDArray centred = v.sub(v.mean(new int[] {0}));                     // (N, c)
                NDArray cov = centred.transpose().matMul(centred).div(n);           // (c, c)
                double trace = centred.square().sum().getFloat() / n;                // tr(cov)
                double effectiveDim = trace * trace / cov.square().sum().getFloat();
                long distinct = Arrays.stream(t.encode(x).toLongArray()).distinct().count();
                System.out.printf("| %s | %.3f | %.1f of %d | %d of %d |%n", args[i], pairs / ((double) n * (n - 1)),
                        effectiveDim, v.getShape().get(1), distinct, n);
            }
        }
    }
}
