package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.io.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds priors from specs and moves them to and from checkpoint directories. A prior's header
 * names the tokenizer whose codes it models ({@code tokenizerId}); its class names are saved in
 * {@code classes.json} beside the weights.
 */
public final class PriorStore {

    public static final String KIND = "prior";
    /** The family name of the priors we train, in spec.json. */
    public static final String FAMILY = "transformer";
    public static final String CLASSES = "classes.json";

    private PriorStore() {}

    /**
     * A fresh prior whose parameters live in {@code m}.
     *
     * @throws io.vqstudio.bridge.io.SpecException before allocating anything, when this machine cannot hold it
     */
    public static TransformerPrior build(NDManager m, PriorSpec spec) {
        spec.footprint().requireFits();
        PriorTransformer net = new PriorTransformer(m, spec);
        return spec.kind() == PriorKind.AR ? new ArPrior(net) : new MaskGitPrior(net);
    }

    /** Writes spec.json, model.safetensors, classes.json and the model card into an open temp dir. */
    public static void writeInto(Path dir, TransformerPrior prior, String tokenizerId, List<String> classNames, long step,
                                 String card) throws IOException {
        Weights.save(prior.net(), dir.resolve(CheckpointDir.WEIGHTS));
        Json.write(dir.resolve(CheckpointDir.SPEC), new ModelHeader(KIND, ModelHeader.FORMAT,
                tokenizerId + "/" + prior.spec().name() + "@" + step, tokenizerId, Json.GSON.toJsonTree(prior.spec()), step, null));
        Json.write(dir.resolve(CLASSES), classNames);
        Files.writeString(dir.resolve(CheckpointDir.CARD), card);
    }

    /** @throws IllegalArgumentException when a token file was made by another tokenizer than the prior models */
    public static void requireSameTokenizer(ModelHeader prior, TokenFile.Header tokens, Path where) {
        if (!prior.tokenizerId().equals(tokens.tokenizerId())) {
            throw new IllegalArgumentException("The token file was made by tokenizer " + tokens.tokenizerName() + " (id "
                    + tokens.tokenizerId() + "), but the prior at " + where + " models the codes of tokenizer id "
                    + prior.tokenizerId() + ": their codes mean different things.");
        }
    }

    /** A loaded prior with its header, class names and directory. */
    public record Loaded(TransformerPrior prior, ModelHeader header, List<String> classNames, Path dir) {}

    /** Loads a prior for the codes of a token file: refused when another tokenizer made them. */
    public static Loaded loadFor(Path given, TokenFile.Header tokens, NDManager m) throws IOException {
        Loaded p = load(given, m);
        requireSameTokenizer(p.header(), tokens, p.dir());
        return p;
    }

    public static Loaded load(Path given, NDManager m) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(KIND, given);
        TransformerPrior p = build(m, specOf(header, dir));
        Weights.load(p.net(), dir.resolve(CheckpointDir.WEIGHTS));
        return new Loaded(p, header, classNamesIn(dir), dir);
    }

    /**
     * A warm start: copies the weights of the prior at {@code given} into {@code target}. Refused
     * unless both have the same spec (kind, size, grid, codes, classes) and, where both name their
     * classes, the same ones in the same order (a class token's embedding would mean another class).
     * The codes may come from another tokenizer: that is what a warm start is for.
     */
    public static void copyWeightsInto(TransformerPrior target, List<String> classNames, Path given) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(KIND, given);
        PriorSpec source = specOf(header, dir);
        if (!source.equals(target.spec())) {
            throw new IllegalArgumentException("Cannot start from " + given + ": it is " + source
                    + ", but this run trains " + target.spec() + ". Use the same preset and a token file with as many"
                    + " classes, grid size and codes.");
        }
        List<String> names = classNamesIn(dir);
        if (!names.isEmpty() && !classNames.isEmpty() && !names.equals(classNames)) {
            throw new IllegalArgumentException("Cannot start from " + given + ": its classes " + names
                    + " differ from the token file's " + classNames + ".");
        }
        Weights.load(target.net(), dir.resolve(CheckpointDir.WEIGHTS));
    }

    /**
     * The prior family a header's spec names; null when it names none (ours, written before prior
     * families had names).
     */
    public static String familyIn(ModelHeader header) {
        if (header.spec() == null || !header.spec().isJsonObject()) {
            return null;
        }
        com.google.gson.JsonElement f = header.spec().getAsJsonObject().get("family");
        return f != null && f.isJsonPrimitive() ? f.getAsString() : null;
    }

    private static PriorSpec specOf(ModelHeader header, Path dir) throws IOException {
        String family = familyIn(header);
        if (family != null && !family.equals(FAMILY)) {
            throw new IOException(dir + " holds a " + family + " prior imported from another project; this works on priors"
                    + " trained here");
        }
        try {
            PriorSpec spec = SpecJson.read(header.spec(), PriorSpec.class);
            spec.footprint().requireFits();
            return spec;
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid prior spec: " + e.getMessage(), e);
        }
    }

    /** The class names saved beside a prior's weights (index = class id); none for an unconditional prior. */
    public static List<String> classNamesIn(Path dir) throws IOException {
        return Files.exists(dir.resolve(CLASSES)) ? List.of(Json.read(dir.resolve(CLASSES), String[].class)) : List.of();
    }
}
