package io.vqstudio.bridge.enhancing;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link EnhancingVitvqSpec} of an enhancing-transformers ViT-VQGAN checkpoint, read from its
 * weights' shapes, with the reasoning as lines for the import command to print. Every size shows in
 * a shape except one: {@code to_qkv} is (3 * heads * dimHead, dim), and how its width splits into
 * heads is not in the weights. The project's config ({@code configs/*.yaml}), when given, says
 * (heads, and dim_head or the reference's default 64); without it dim_head 64 is assumed, the
 * reference's default and what its published configs use. A config that disagrees with the weights
 * is refused in one sentence.
 */
public final class ShapeInference {

    /** The reference's default {@code dim_head} ({@code ViTEncoder(..., dim_head=64)}). */
    public static final int DEFAULT_DIM_HEAD = 64;

    /** The spec and, one finding per line, how each number was found. */
    public record Inferred(EnhancingVitvqSpec spec, List<String> explanation) {}

    private final Map<String, TensorRef> w;
    private final ProjectYaml yaml;
    private final List<String> lines = new ArrayList<>();

    private ShapeInference(Map<String, TensorRef> weights, ProjectYaml yaml) {
        this.w = weights;
        this.yaml = yaml;
    }

    /** With the config at {@code yamlOrNull} (read safely, at most {@link ProjectYaml#MAX_BYTES}), or without one. */
    public static Inferred infer(StateDict sd, Path yamlOrNull) throws ImportException {
        return infer(sd, yamlOrNull == null ? null : ProjectYaml.read(yamlOrNull));
    }

    /** With a config's text ({@code source} names it in messages), or {@code yamlText} null for none. */
    public static Inferred infer(StateDict sd, String yamlText, String source) throws ImportException {
        return infer(sd, yamlText == null ? null : ProjectYaml.parse(yamlText, source));
    }

    static Inferred infer(StateDict sd, ProjectYaml yaml) throws ImportException {
        return new ShapeInference(CheckpointKeys.of(sd), yaml).run();
    }

    private Inferred run() throws ImportException {
        long[] patchW = shape("encoder.to_patch_embedding.0.weight", 4);           // (dim, 3, p, p)
        if (patchW[1] != 3 || patchW[2] != patchW[3]) {
            throw new ImportException("encoder.to_patch_embedding.0.weight is " + Arrays.toString(patchW)
                    + ", not (width, 3, p, p) with square patches");
        }
        int patch = (int) patchW[2];
        long[] pos = shape("encoder.en_pos_embedding", 3);                         // (1, T, dim)
        int grid = (int) Math.round(Math.sqrt(pos[1]));
        if (pos[0] != 1 || (long) grid * grid != pos[1] || pos[2] != patchW[0]) {
            throw new ImportException("encoder.en_pos_embedding is " + Arrays.toString(pos)
                    + ", not (1, g * g, " + patchW[0] + ") for a square grid");
        }
        lines.add(String.format("patch %d x %d, encoder width %d: encoder.to_patch_embedding.0.weight is %s",
                patch, patch, patchW[0], Arrays.toString(patchW)));
        lines.add(String.format("%d x %d tokens, so %d px images: encoder.en_pos_embedding is %s (%d positions)",
                grid, grid, grid * patch, Arrays.toString(pos), pos[1]));
        declared(yaml == null ? null : yaml.model().get("patch_size"), patch, "patch_size");
        declared(yaml == null ? null : yaml.model().get("image_size"), grid * patch, "image_size");
        EnhancingVitvqSpec.Stack enc = stack("encoder", patchW[0], yaml == null ? Map.of() : yaml.encoder());
        long[] dePos = shape("decoder.de_pos_embedding", 3);                       // (1, T, dim)
        if (dePos[0] != 1 || dePos[1] != pos[1]) {
            throw new ImportException("decoder.de_pos_embedding is " + Arrays.toString(dePos) + ", not (1, "
                    + pos[1] + ", width) like the encoder's grid");
        }
        lines.add(String.format("decoder width %d: decoder.de_pos_embedding is %s", dePos[2], Arrays.toString(dePos)));
        EnhancingVitvqSpec.Stack dec = stack("decoder", dePos[2], yaml == null ? Map.of() : yaml.decoder());
        long[] book = shape("quantizer.embedding.weight", 2);                      // (K, e)
        lines.add(String.format("%d codes of dimension %d, l2-normalised: quantizer.embedding.weight is %s",
                book[0], book[1], Arrays.toString(book)));
        declared(yaml == null ? null : yaml.quantizer().get("n_embed"), book[0], "quantizer.n_embed");
        declared(yaml == null ? null : yaml.quantizer().get("embed_dim"), book[1], "quantizer.embed_dim");
        lines.add("images: the reference works in [0, 1]; ours in [-1, 1] are converted on the way in and out");
        lines.add(yaml == null ? "no project config: every size above is from the weights alone"
                : yaml.source() + " agrees with the weights");
        EnhancingVitvqSpec spec = spec(grid * patch, patch, enc, dec, book);
        return new Inferred(spec, List.copyOf(lines));
    }

    private EnhancingVitvqSpec spec(int resolution, int patch, EnhancingVitvqSpec.Stack enc, EnhancingVitvqSpec.Stack dec,
                                    long[] book) throws ImportException {
        try {
            EnhancingVitvqSpec spec = new EnhancingVitvqSpec("enhancing-vitvq", resolution, patch, enc, dec,
                    (int) Math.min(book[1], Integer.MAX_VALUE), (int) Math.min(book[0], Integer.MAX_VALUE));
            for (EnhancingVitvqSpec p : EnhancingVitvqSpec.presets()) {
                if (p.equals(new EnhancingVitvqSpec(p.name(), resolution, patch, enc, dec, spec.embedDim(), spec.nEmbed()))) {
                    lines.add("the sizes of the published " + p.name());
                    return p;
                }
            }
            return spec;
        } catch (SpecException e) {
            throw new ImportException("the weights' shapes make a model outside the engine's limits: " + e.getMessage());
        }
    }

    /** One transformer stack's sizes from its weights (and the config's head split). */
    private EnhancingVitvqSpec.Stack stack(String side, long dim, Map<String, Integer> cfg) throws ImportException {
        String layers = side + ".transformer.layers.";
        Pattern layer = Pattern.compile(Pattern.quote(layers) + "(\\d{1,6})\\..*");
        TreeSet<Integer> seen = new TreeSet<>();
        for (String k : w.keySet()) {
            Matcher m = layer.matcher(k);
            if (m.matches()) {
                seen.add(Integer.parseInt(m.group(1)));
            }
        }
        if (seen.isEmpty() || seen.last() != seen.size() - 1) {
            throw new ImportException("the " + side + "'s transformer layers are " + (seen.isEmpty() ? "missing"
                    : "numbered " + seen.first() + ".." + seen.last() + " with gaps (" + seen.size() + " of them)"));
        }
        int depth = seen.size();
        long[] qkv = shape(layers + "0.0.fn.to_qkv.weight", 2);                    // (3 * inner, dim)
        long[] fc = shape(layers + "0.1.fn.net.0.weight", 2);                      // (mlp, dim)
        if (qkv[1] != dim || qkv[0] % 3 != 0 || fc[1] != dim) {
            throw new ImportException(layers + "0 has to_qkv " + Arrays.toString(qkv) + " and net.0 " + Arrays.toString(fc)
                    + ", which do not fit the " + side + "'s width " + dim);
        }
        long inner = qkv[0] / 3;
        lines.add(String.format("%s: width %d, %d layers (%s0..%d), MLP %d (net.0.weight %s)",
                side, dim, depth, layers, depth - 1, fc[0], Arrays.toString(fc)));
        declared(cfg.get("dim"), dim, side + ".dim");
        declared(cfg.get("depth"), depth, side + ".depth");
        declared(cfg.get("mlp_dim"), fc[0], side + ".mlp_dim");
        int[] split = headSplit(side, inner, dim, cfg, qkv);
        try {
            return new EnhancingVitvqSpec.Stack((int) Math.min(dim, Integer.MAX_VALUE), depth, split[0], split[1],
                    (int) Math.min(fc[0], Integer.MAX_VALUE));
        } catch (SpecException e) {
            throw new ImportException("the " + side + "'s shapes are outside the engine's limits: " + side + "." + e.getMessage());
        }
    }

    /**
     * {heads, dimHead} with heads * dimHead = inner. The reference leaves out {@code to_out} exactly
     * when heads = 1 and dimHead = dim, so its absence settles the split; otherwise the config says,
     * or the default head width is assumed, and the presence of {@code to_out} must agree.
     */
    private int[] headSplit(String side, long inner, long dim, Map<String, Integer> cfg, long[] qkv) throws ImportException {
        Integer heads = cfg.get("heads"), dimHead = cfg.get("dim_head");
        String where = side + "'s to_qkv.weight is " + Arrays.toString(qkv) + " (q, k, v " + inner + " wide each)";
        boolean toOut = w.containsKey(side + ".transformer.layers.0.0.fn.to_out.weight");
        int h, dh;
        String because;
        if (!toOut && inner == dim) {
            h = 1;
            dh = (int) inner;
            because = "one head as wide as the model, the only case in which the reference has no to_out, as here";
        } else if (heads != null || dimHead != null) {
            dh = dimHead != null ? dimHead : DEFAULT_DIM_HEAD;
            h = heads != null ? heads : (int) (inner / dh);
            if ((long) h * dh != inner) {
                throw new ImportException(yaml.source() + " says " + side + " heads " + (heads == null ? "(none)" : heads)
                        + " and dim_head " + (dimHead == null ? "(none, so the default " + DEFAULT_DIM_HEAD + ")" : dimHead)
                        + ", but " + where);
            }
            because = "the split is " + yaml.source() + "'s";
        } else if (inner % DEFAULT_DIM_HEAD == 0 && (inner != DEFAULT_DIM_HEAD || dim != DEFAULT_DIM_HEAD)) {
            h = (int) (inner / DEFAULT_DIM_HEAD);
            dh = DEFAULT_DIM_HEAD;
            because = "the weights cannot tell heads from head width, so this assumes dim_head " + DEFAULT_DIM_HEAD
                    + ", the reference's default (a model trained with another gives wrong codes: give its config)";
        } else {
            throw new ImportException(where + ", and how that splits into heads is not in the weights: "
                    + (inner % DEFAULT_DIM_HEAD != 0 ? "it is no whole number of heads of the default " + DEFAULT_DIM_HEAD
                    : "one head of the default " + DEFAULT_DIM_HEAD + " would have no to_out, which this has")
                    + "; put the project's configs/*.yaml beside the checkpoint");
        }
        if (toOut != !(h == 1 && dh == dim)) {
            throw new ImportException(side + ": " + h + " head(s) of " + dh + " at width " + dim + " would "
                    + (toOut ? "have no to_out, but the weights have one" : "have a to_out, but the weights have none"));
        }
        lines.add(String.format("%s: %d heads of %d: %s; %s", side, h, dh, where, because));
        return new int[] {h, dh};
    }

    /** Refuses a config value that disagrees with what the weights show. */
    private void declared(Integer value, long fromWeights, String field) throws ImportException {
        if (value != null && value != fromWeights) {
            throw new ImportException(yaml.source() + " says " + field + " " + value + " but the weights show " + fromWeights);
        }
    }

    private long[] shape(String key, int rank) throws ImportException {
        TensorRef t = w.get(key);
        if (t == null) {
            throw new ImportException("not an enhancing-transformers ViT-VQGAN checkpoint: it has no weight '" + key
                    + "' (its weights start with " + prefixes() + ")");
        }
        if (t.shape().length != rank) {
            throw new ImportException(key + " is " + Arrays.toString(t.shape()) + ", not of rank " + rank);
        }
        return t.shape();
    }

    private String prefixes() {
        TreeSet<String> out = new TreeSet<>();
        for (String k : w.keySet()) {
            out.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k);
        }
        return out.isEmpty() ? "nothing" : String.join(", ", out);
    }
}
