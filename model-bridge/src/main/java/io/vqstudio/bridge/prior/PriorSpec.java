package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.api.PriorKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage-2 prior over g x g grids of K codes, class-conditional through a class-id token in front
 * ({@code numClasses} is the "no class" id). Saved in spec.json beside every checkpoint.
 *
 * @param dropout on residuals, activations and attention (0.1 in the paper)
 */
public record PriorSpec(String name, PriorKind kind, int gridSize, int codebookSize, int numClasses, int layers,
                        int width, int heads, int mlpDim, float dropout) {

    public PriorSpec {
        if (width % heads != 0 || layers < 1 || gridSize < 1 || codebookSize < 2 || numClasses < 0) {
            throw new IllegalArgumentException("invalid prior spec " + name);
        }
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
