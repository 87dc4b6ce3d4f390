package io.vqstudio.bridge.tokenizer;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.cnn.CnnTokenizer;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.io.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds tokenizers from specs and moves them to and from checkpoint directories. */
public final class TokenizerStore {

    public static final String KIND = "tokenizer";

    private TokenizerStore() {}

    /**
     * A fresh, randomly initialised tokenizer whose parameters live in {@code m}.
     *
     * @throws io.vqstudio.bridge.io.SpecException before allocating anything, when this machine cannot hold it
     */
    public static Tokenizer build(NDManager m, TokenizerSpec spec) {
        spec.footprint().requireFits();
        return switch (spec.architecture()) {
            case VIT_VQGAN -> new ViTVQGAN(m, spec);
            case CNN_VQGAN, VQVAE -> new CnnTokenizer(m, spec);
        };
    }

    /**
     * Writes spec.json, model.safetensors and the model card into {@code dir} (an open temp dir).
     * The id names the codes: a digest of the weights, or {@code codesOf}, the id of the tokenizer
     * whose encoder and codebook this one kept frozen (a decoder fine-tune), so its priors still match.
     */
    public static String writeInto(Path dir, Tokenizer t, long step, String card, String codesOf) throws IOException {
        Weights.save(t, dir.resolve(CheckpointDir.WEIGHTS));
        String id = codesOf != null ? codesOf : digest(dir.resolve(CheckpointDir.WEIGHTS));
        Json.write(dir.resolve(CheckpointDir.SPEC), new ModelHeader(KIND, ModelHeader.FORMAT, id, null,
                Json.GSON.toJsonTree(t.spec()), step));
        Files.writeString(dir.resolve(CheckpointDir.CARD), card);
        return id;
    }

    /** Loads a tokenizer from a checkpoint dir, a file in one, or a run dir. */
    public static Loaded load(Path given, NDManager m) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(KIND, given);
        Tokenizer t = build(m, specOf(header, dir));
        Weights.load(t, dir.resolve(CheckpointDir.WEIGHTS));
        return new Loaded(t, header, dir);
    }

    /** The spec of the tokenizer at a checkpoint dir, a file in one, or a run dir, without its weights. */
    public static TokenizerSpec specOf(Path given) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        return specOf(ModelHeader.read(dir).requireKind(KIND, given), dir);
    }

    private static TokenizerSpec specOf(ModelHeader header, Path dir) throws IOException {
        try {
            TokenizerSpec spec = SpecJson.read(header.spec(), TokenizerSpec.class);
            spec.footprint().requireFits();
            return spec;
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid tokenizer spec: " + e.getMessage(), e);
        }
    }

    /** A loaded tokenizer with its header and where it came from. */
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
