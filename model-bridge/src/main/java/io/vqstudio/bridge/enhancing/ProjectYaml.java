package io.vqstudio.bridge.enhancing;

import io.vqstudio.bridge.imports.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What an enhancing-transformers project config ({@code configs/<name>.yaml}) declares about the
 * stage-1 model, read safely: SnakeYAML's {@link SafeConstructor} builds only maps, lists and
 * scalars (no tags, no classes), with bounds on size, nesting and aliases. Two layouts are read:
 * {@code model.params.{image_size, patch_size, encoder, decoder, quantizer}} (the reference's
 * current one) and {@code model.params.{hparams, qparams}} (earlier revisions, one size for encoder
 * and decoder). Fields the config leaves out are absent from the maps.
 *
 * @param source   the file's name, for messages
 * @param model    {@code image_size}, {@code patch_size}
 * @param encoder  {@code dim, depth, heads, dim_head, mlp_dim} as declared
 * @param decoder  the same for the decoder
 * @param quantizer {@code embed_dim, n_embed}
 */
record ProjectYaml(String source, Map<String, Integer> model, Map<String, Integer> encoder,
                   Map<String, Integer> decoder, Map<String, Integer> quantizer) {

    /** Larger than any config of the project by two orders of magnitude. */
    static final int MAX_BYTES = 256 * 1024;
    private static final String[] STACK = {"dim", "depth", "heads", "dim_head", "mlp_dim"};

    static ProjectYaml read(Path file) throws ImportException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ImportException(file.getFileName() + " is over " + MAX_BYTES / 1024 + " KiB, too large for a config");
            }
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (ImportException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportException(file.getFileName() + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ProjectYaml parse(String text, String source) throws ImportException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(20);
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (RuntimeException e) { // YAMLException and its kin: the first line says where
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ImportException(source + " is not valid YAML (" + why + ")");
        }
        Map<?, ?> params = map(map(root, "", source).get("model"), "model", source);
        Object target = params.get("target");
        if (target != null && !"enhancing.modules.stage1.vitvqgan.ViTVQ".equals(target)) {
            throw new ImportException(source + " describes a " + shown(target) + ", not the ViT-VQGAN (ViTVQ) this importer reads");
        }
        params = map(params.get("params"), "model.params", source);
        boolean early = params.containsKey("hparams");
        Map<?, ?> sizes = early ? map(params.get("hparams"), "model.params.hparams", source) : params;
        Map<?, ?> q = map(params.get(early ? "qparams" : "quantizer"), "model.params.quantizer", source);
        if (Boolean.FALSE.equals(q.get("use_norm")) || Boolean.TRUE.equals(q.get("use_residual"))) {
            throw new ImportException(source + " asks for a quantizer without l2 normalisation or a residual one,"
                    + " which this importer does not read");
        }
        String prefix = early ? "model.params.hparams." : "model.params.";
        Map<String, Integer> model = ints(sizes, prefix, source, "image_size", "patch_size");
        Map<String, Integer> enc = early ? ints(sizes, prefix, source, STACK)
                : ints(map(params.get("encoder"), "model.params.encoder", source), prefix + "encoder.", source, STACK);
        Map<String, Integer> dec = early ? enc
                : ints(map(params.get("decoder"), "model.params.decoder", source), prefix + "decoder.", source, STACK);
        return new ProjectYaml(source, model, enc, dec, ints(q, "model.params.quantizer.", source, "embed_dim", "n_embed"));
    }

    private static String shown(Object v) {
        String s = String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static Map<?, ?> map(Object value, String path, String source) throws ImportException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new ImportException(source + ": " + (path.isEmpty() ? "the document" : path) + " is not a mapping");
        }
        return m;
    }

    private static Map<String, Integer> ints(Map<?, ?> from, String path, String source, String... keys) throws ImportException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String k : keys) {
            Object v = from.get(k);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Integer i) || i < 1) {
                throw new ImportException(source + ": " + path + k + " = " + shown(v) + " is not a positive integer");
            }
            out.put(k, i);
        }
        return out;
    }
}
