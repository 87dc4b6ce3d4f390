package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.Origin;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds tokenizers of any family from specs and moves them to and from checkpoint directories,
 * through the family registry ({@link Families}). {@link #open} gives any family's model for
 * inference; {@link #load} and {@link #build(NDManager, TrainableTokenizerSpec)} give the models we
 * train, and refuse an imported one in one sentence.
 */
public final class TokenizerStore {

    public static final String KIND = "tokenizer";

    private TokenizerStore() {}

    /**
     * A fresh, randomly initialised tokenizer of a family we train, its parameters in {@code m}.
     *
     * @throws SpecException before allocating anything, when this machine cannot hold it
     */
    public static Tokenizer build(NDManager m, TrainableTokenizerSpec spec) {
        return (Tokenizer) buildAny(m, spec);
    }

    /**
     * A fresh model of any family, its parameters in {@code m}.
     *
     * @throws SpecException before allocating anything, when this machine cannot hold it
     */
    public static ImageTokenizer buildAny(NDManager m, TokenizerSpec spec) {
        spec.footprint().requireFits();
        return Families.of(spec).build(m, spec);
    }

    /**
     * Writes spec.json, model.safetensors and the model card into {@code dir} (an open temp dir).
     * The id names the codes: a digest of the weights, or {@code codesOf}, the id of the tokenizer
     * whose encoder and codebook this one kept frozen (a decoder fine-tune), so its priors still match.
     */
    public static String writeInto(Path dir, Tokenizer t, long step, String card, String codesOf) throws IOException {
        Weights.save(t, dir.resolve(CheckpointDir.WEIGHTS));
        String id = codesOf != null ? codesOf : digest(dir.resolve(CheckpointDir.WEIGHTS));
        writeHeader(dir, header(t.spec(), id, step, null), card);
        return id;
    }

    /** The spec.json of a tokenizer: its spec with its family, and for an imported one its origin. */
    public static ModelHeader header(TokenizerSpec spec, String id, long step, Origin originOrNull) {
        return new ModelHeader(KIND, ModelHeader.FORMAT, id, null, Json.GSON.toJsonTree(spec), step, originOrNull);
    }

    /** Writes spec.json and the model card into {@code dir}, beside its weights. */
    public static void writeHeader(Path dir, ModelHeader header, String card) throws IOException {
        Json.write(dir.resolve(CheckpointDir.SPEC), header);
        Files.writeString(dir.resolve(CheckpointDir.CARD), card);
    }

    /** {@link #open(Path, NDManager, Progress)} without notices. */
    public static Opened open(Path given, NDManager m) throws IOException {
        return open(given, m, Progress.NONE);
    }

    /**
     * Loads a tokenizer of any family for inference: from a checkpoint dir, a file in one, or a run
     * dir; or from another project's torch file, converted in memory (nothing is written; a notice
     * says so), as {@code import-model} would convert it.
     */
    public static Opened open(Path given, NDManager m, Progress progress) throws IOException {
        if (ModelImport.isForeign(given)) {
            progress.notice("Converting " + given.getFileName() + " in memory (import-model converts it once, to a checkpoint)");
            ModelImport.Imported imp = ModelImport.convert(given, null, null, m);
            return new Opened(imp.model(), imp.header(), given.toAbsolutePath(), imp.card());
        }
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(KIND, given);
        ImageTokenizer t = buildAny(m, specOf(header, dir, TokenizerSpec.class));
        Weights.load(moduleOf(t), dir.resolve(CheckpointDir.WEIGHTS));
        return new Opened(t, header, dir, CheckpointDir.readCard(dir));
    }

    /**
     * Loads a tokenizer we train, to train on (a decoder fine-tune, a warm start) or to inspect its spec.
     *
     * @throws IOException naming the family when the checkpoint holds an imported model
     */
    public static Loaded load(Path given, NDManager m) throws IOException {
        Opened o = open(given, m);
        if (!(o.tokenizer() instanceof Tokenizer t)) {
            throw new IOException(notTrainable(given, "a " + Families.of(o.spec()).title() + " imported from another project"));
        }
        return new Loaded(t, o.header(), o.dir());
    }

    /** The spec of the tokenizer at a checkpoint dir, a file in one, or a run dir, without its weights. */
    public static TokenizerSpec specOf(Path given) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        return specOf(ModelHeader.read(dir).requireKind(KIND, given), dir, TokenizerSpec.class);
    }

    /**
     * The spec of a tokenizer we train at {@code given}, without its weights.
     *
     * @throws IOException naming the family when it is imported
     */
    public static TrainableTokenizerSpec trainableSpecOf(Path given) throws IOException {
        TokenizerSpec spec = ModelImport.isForeign(given) ? null : specOf(given);
        if (spec instanceof TrainableTokenizerSpec ours) {
            return ours;
        }
        throw new IOException(notTrainable(given, spec == null ? "another project's file" : "a "
                + Families.of(spec).title() + " imported from another project"));
    }

    private static String notTrainable(Path given, String what) {
        return given + " holds " + what + "; only tokenizers trained here (" + trainedHere() + ") can be trained further";
    }

    private static <S extends TokenizerSpec> S specOf(ModelHeader header, Path dir, Class<S> type) throws IOException {
        try {
            S spec = SpecJson.read(header.spec(), type);
            spec.footprint().requireFits();
            return spec;
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid tokenizer spec: " + e.getMessage(), e);
        }
    }

    private static String trainedHere() {
        return String.join(", ", Families.TOKENIZERS.stream().filter(TokenizerFamily::trainable).map(TokenizerFamily::title).toList());
    }

    /** Every family's model is a {@link Module} (its parameters named as its checkpoint's tensors). */
    static Module moduleOf(ImageTokenizer t) {
        if (t instanceof Module module) {
            return module;
        }
        throw new IllegalStateException(t.getClass().getName() + " is not a Module, so its weights cannot be loaded");
    }

    /**
     * A tokenizer of any family opened for inference, with its header, where it came from (its
     * checkpoint dir, or the foreign file it was converted from) and its model card.
     */
    public record Opened(ImageTokenizer tokenizer, ModelHeader header, Path dir, String card) {

        /** The spec it was built from. */
        public TokenizerSpec spec() {
            return tokenizer.spec();
        }
    }

    /** A tokenizer we train, loaded with its header and where it came from. */
    public record Loaded(Tokenizer tokenizer, ModelHeader header, Path dir) {}

    static String digest(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
