package io.vqstudio.bridge.prior;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CLASSES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_CODES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;
import static io.vqstudio.bridge.io.SpecLimits.known;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.vit.ViTSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage-2 prior over g x g grids of K codes, class-conditional through a class-id token in front
 * ({@code numClasses} is the "no class" id). Saved in spec.json beside every checkpoint.
 *
 * <p>Built only with every field present and within {@link io.vqstudio.bridge.io.SpecLimits};
 * otherwise a {@link SpecException} names the field.
 *
 * @param dropout on residuals, activations and attention (0.1 in the paper)
 */
public record PriorSpec(String name, PriorKind kind, int gridSize, int codebookSize, int numClasses, int layers,
                        int width, int heads, int mlpDim, float dropout) {

    public PriorSpec {
        present("name", name);
        known("kind", kind, PriorKind.class);
        range("gridSize", gridSize, 1, MAX_GRID);
        range("codebookSize", codebookSize, 2, MAX_CODES);
        range("numClasses", numClasses, 0, MAX_CLASSES);
        new ViTSize(layers, width, heads, mlpDim); // a ViT stack's block bounds, under the same field names
        range("dropout", dropout, 0f, 0.99f);
    }

    /** Estimated weights and one grid's activations, to refuse a model this machine cannot hold before building it. */
    public Footprint footprint() {
        long t = tokens() + 1L;                              // the class token in front
        long d = width;
        long blocks = size().blockParameters();
        long embeddings = (codebookSize + 1L + numClasses + 1L + 2L * gridSize + 1) * d + d * codebookSize;
        long activations = size().activationBytes(t)
                + 4 * t * codebookSize + 4 * t * t;            // the logits; the causal mask, built as a float[]
        String heaviest = activations > 4 * (blocks + embeddings) ? "gridSize"
                : embeddings > blocks ? "codebookSize" : "layers";
        return new Footprint(blocks + embeddings, activations, heaviest);
    }

    /** The transformer's size. */
    public ViTSize size() {
        return new ViTSize(layers, width, heads, mlpDim);
    }

    /** Image tokens per grid. */
    public int tokens() {
        return gridSize * gridSize;
    }

    /** The class id that means "no class" (unconditional). */
    public int noClass() {
        return numClasses;
    }

    /** Presets; grid, codebook and classes are filled in from the token file with {@link #forData}. */
    public static Map<String, PriorSpec> presets(PriorKind kind) {
        Map<String, PriorSpec> p = new LinkedHashMap<>();
        String k = kind == PriorKind.AR ? "ar" : "maskgit";
        p.put("vim-base", new PriorSpec("vim-base", kind, 32, 8192, 1000, 24, 1536, 16, 4 * 1536, 0.1f));
        p.put("vim-large", new PriorSpec("vim-large", kind, 32, 8192, 1000, 36, 2048, 32, 4 * 2048, 0.1f));
        p.put(k + "-cpu", new PriorSpec(k + "-cpu", kind, 16, 8192, 200, 8, 256, 8, 1024, 0.1f));
        // Fashion-MNIST's 16x16 grids of 256 codes, 10 classes: about 1.9 M weights, small enough that
        // one core takes the 60,000 training grids through an epoch in well under two hours.
        p.put(k + "-fmnist", new PriorSpec(k + "-fmnist", kind, 16, 256, 10, 4, 192, 6, 768, 0.1f));
        p.put(k + "-tiny", new PriorSpec(k + "-tiny", kind, 4, 64, 2, 2, 32, 2, 64, 0.0f));
        return p;
    }

    public static PriorSpec preset(PriorKind kind, String name) {
        PriorSpec s = presets(kind).get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown " + kind + " prior preset '" + name + "'. Presets: "
                    + String.join(", ", presets(kind).keySet()));
        }
        return s;
    }

    /** This architecture sized for a token file's grid, codebook and classes. */
    public PriorSpec forData(int grid, int codes, int classes) {
        return new PriorSpec(name, kind, grid, codes, classes, layers, width, heads, mlpDim, dropout);
    }

    public PriorSpec withDropout(float p) {
        return new PriorSpec(name, kind, gridSize, codebookSize, numClasses, layers, width, heads, mlpDim, p);
    }
}
