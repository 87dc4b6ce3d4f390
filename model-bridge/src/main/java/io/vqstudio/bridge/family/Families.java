package io.vqstudio.bridge.family;

import io.vqstudio.bridge.cnn.CnnTokenizer;
import io.vqstudio.bridge.cnn.CnnVqganSpec;
import io.vqstudio.bridge.cnn.VqVaeSpec;
import io.vqstudio.bridge.enhancing.EnhancingImporter;
import io.vqstudio.bridge.enhancing.EnhancingVitvq;
import io.vqstudio.bridge.enhancing.EnhancingVitvqSpec;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.llamagen.LlamaGenImporter;
import io.vqstudio.bridge.llamagen.LlamaGenVqSpec;
import io.vqstudio.bridge.llamagen.LlamaGenVqTokenizer;
import io.vqstudio.bridge.llamagpt.LlamaGpt;
import io.vqstudio.bridge.llamagpt.LlamaGptImporter;
import io.vqstudio.bridge.llamagpt.LlamaGptSpec;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.taming.TamingImporter;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import io.vqstudio.bridge.taming.TamingVqganTokenizer;
import io.vqstudio.bridge.taminggpt.TamingGpt;
import io.vqstudio.bridge.taminggpt.TamingGptImporter;
import io.vqstudio.bridge.taminggpt.TamingGptSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vit.ViTVQGAN;
import io.vqstudio.bridge.vit.ViTVqganSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows every model family: a family's name in spec.json, its spec record, its
 * builder and, for families imported from other projects, its importer. Adding a family is one
 * line here and a package of its own; the stores, the JSON of specs, the presets and the importer
 * all go through this list. (Java's {@code sealed} cannot list records of other packages outside a
 * named module, so this list plays that part, and {@code FamiliesTest} fails when a record
 * implementing {@link TokenizerSpec} is missing from it.)
 */
public final class Families {

    /** Tokenizer families: the ones we train, then the imported ones. */
    public static final List<TokenizerFamily<?>> TOKENIZERS = List.of(
            new TokenizerFamily<>(ViTVqganSpec.FAMILY, "ViT-VQGAN", ViTVqganSpec.class, ViTVQGAN::new, null),
            new TokenizerFamily<>(CnnVqganSpec.FAMILY, "CNN VQGAN", CnnVqganSpec.class, CnnTokenizer::new, null),
            new TokenizerFamily<>(VqVaeSpec.FAMILY, "VQ-VAE", VqVaeSpec.class, CnnTokenizer::new, null),
            new TokenizerFamily<>(TamingVqganSpec.FAMILY, "taming VQGAN", TamingVqganSpec.class,
                    TamingVqganTokenizer::new, new TamingImporter()),
            new TokenizerFamily<>(LlamaGenVqSpec.FAMILY, "LlamaGen VQ", LlamaGenVqSpec.class,
                    LlamaGenVqTokenizer::new, new LlamaGenImporter()),
            new TokenizerFamily<>(EnhancingVitvqSpec.FAMILY, "enhancing-transformers ViT-VQGAN", EnhancingVitvqSpec.class,
                    EnhancingVitvq::new, new EnhancingImporter()));

    /** The prior family we train: one transformer over code grids, AR or MaskGIT by its spec's kind. */
    public static final PriorFamily<PriorSpec> PRIOR = new PriorFamily<>(PriorStore.FAMILY, "VIM / MaskGIT transformer",
            PriorSpec.class, PriorStore::build, null);

    /** Prior families: ours, then the imported ones. */
    public static final List<PriorFamily<?>> PRIORS = List.of(PRIOR,
            new PriorFamily<>(LlamaGptSpec.FAMILY, "LlamaGen GPT", LlamaGptSpec.class, (m, s) -> new LlamaGpt(m, s).asPrior(),
                    new LlamaGptImporter()),
            new PriorFamily<>(TamingGptSpec.FAMILY, "taming transformer", TamingGptSpec.class,
                    (m, s) -> new TamingGpt(m, s).asPrior(), new TamingGptImporter()));

    /**
     * The families of spec.json files written before families had names: their spec said
     * {@code architecture} instead.
     */
    private static final Map<String, String> BY_ARCHITECTURE = Map.of(
            "VIT_VQGAN", ViTVqganSpec.FAMILY, "CNN_VQGAN", CnnVqganSpec.FAMILY, "VQVAE", VqVaeSpec.FAMILY);

    private Families() {}

    /**
     * The tokenizer family named {@code name}.
     *
     * @throws SpecException naming the field {@code family} and the known names
     */
    public static TokenizerFamily<?> tokenizer(String name) {
        for (TokenizerFamily<?> f : TOKENIZERS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new SpecException("family", (name == null ? "is missing" : "= '" + name + "' is unknown")
                + "; known families: " + String.join(", ", TOKENIZERS.stream().map(TokenizerFamily::name).toList()));
    }

    /** The family of a spec. */
    public static TokenizerFamily<?> of(TokenizerSpec spec) {
        return tokenizer(spec.family());
    }

    /** The family an old spec's {@code architecture} names, or null when it names none. */
    static String byArchitecture(String architecture) {
        return architecture == null ? null : BY_ARCHITECTURE.get(architecture);
    }

    /**
     * The prior family named {@code name}; a spec.json written before prior families had names
     * (no {@code family}) is ours.
     *
     * @throws SpecException naming the field {@code family} and the known names
     */
    public static PriorFamily<?> prior(String name) {
        if (name == null) {
            return PRIOR;
        }
        for (PriorFamily<?> f : PRIORS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new SpecException("family", "= '" + name + "' is unknown; known prior families: "
                + String.join(", ", PRIORS.stream().map(PriorFamily::name).toList()));
    }

    /** The imported prior families, in order of the list. */
    public static List<PriorFamily<?>> importedPriors() {
        return PRIORS.stream().filter(PriorFamily::imported).toList();
    }

    /** The family name of a registered spec record (a tokenizer's or a prior's), or null. */
    static String familyOf(Class<?> specType) {
        for (PriorFamily<?> f : PRIORS) {
            if (f.specType() == specType) {
                return f.name();
            }
        }
        for (TokenizerFamily<?> f : TOKENIZERS) {
            if (f.specType() == specType) {
                return f.name();
            }
        }
        return null;
    }

    /** The imported families, in order of the list. */
    public static List<TokenizerFamily<?>> imported() {
        return TOKENIZERS.stream().filter(TokenizerFamily::imported).toList();
    }

    /** Every preset of the families we train, by name: ViT-VQGAN's, then the CNN VQGAN's and the VQ-VAE's. */
    public static Map<String, TrainableTokenizerSpec> tokenizerPresets() {
        Map<String, TrainableTokenizerSpec> p = new LinkedHashMap<>(ViTVqganSpec.presets());
        p.putAll(CnnVqganSpec.presets());
        p.putAll(VqVaeSpec.presets());
        return p;
    }

    /**
     * The published models of the imported families at their real shapes, by name (taming's, then
     * LlamaGen's, then enhancing-transformers'): built with random weights for benchmarks; an import
     * always takes its shape from the file.
     */
    public static Map<String, TokenizerSpec> importedPresets() {
        Map<String, TokenizerSpec> p = new LinkedHashMap<>(TamingVqganSpec.presets());
        p.putAll(LlamaGenVqSpec.presets());
        EnhancingVitvqSpec.presets().forEach(s -> p.put(s.name(), s));
        return p;
    }

    /** @throws IllegalArgumentException naming the presets when there is none of this name */
    public static TrainableTokenizerSpec tokenizerPreset(String name) {
        TrainableTokenizerSpec s = tokenizerPresets().get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown tokenizer preset '" + name + "'. Presets: "
                    + String.join(", ", tokenizerPresets().keySet()));
        }
        return s;
    }
}
