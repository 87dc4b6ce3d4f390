package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The part of a taming-transformers config ({@code configs/model.yaml}, or a training log's
 * {@code configs/<date>-project.yaml}, beside a published checkpoint) that fixes the network:
 * {@code model.target}, {@code model.params.embed_dim}, {@code n_embed} and {@code ddconfig}; for a taming
 * transformer ({@code Net2NetTransformer}), the same fields of its first stage,
 * {@code model.params.first_stage_config}.
 * Read with SnakeYAML's safe constructor only (plain maps, lists, strings and numbers; no type
 * tags), size, nesting and aliases bounded; anything else is one {@link ImportException} line
 * naming the file and the field.
 *
 * @param file            where it was read
 * @param target          {@code model.target}, e.g. {@code taming.models.vqgan.VQModel}
 * @param attnResolutions {@code ddconfig.attn_resolutions}
 */
public record TamingYaml(Path file, String target, int embedDim, int nEmbed, int resolution, int ch,
        List<Integer> chMult, int numResBlocks, List<Integer> attnResolutions, int zChannels) {

    /** Larger files are refused: taming's configs are about 1 KB. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * The config beside {@code checkpoint}, or null: {@code model.yaml} there, or in {@code configs/} there or
     * one folder up; else taming's training-log layout, {@code <run>/configs/<date>-project.yaml} beside
     * {@code <run>/checkpoints/last.ckpt} (the published {@code cin_transformer} folder), the last by name
     * where a resumed run left several (taming's {@code sample_fast.py} merges them in name order, so the
     * last one's fields win).
     */
    public static Path findBeside(Path checkpoint) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        List<Path> folders = new ArrayList<>(List.of(dir, dir.resolve("configs")));
        if (dir.getParent() != null) {
            folders.add(dir.getParent().resolve("configs"));
        }
        for (Path folder : folders) {
            Path model = folder.resolve("model.yaml");
            if (Files.isRegularFile(model)) {
                return model;
            }
        }
        for (Path folder : folders.subList(1, folders.size())) {
            Path project = lastProjectYaml(folder);
            if (project != null) {
                return project;
            }
        }
        return null;
    }

    /** The last {@code *-project.yaml} of {@code folder} by name, or null. */
    private static Path lastProjectYaml(Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-project.yaml") && Files.isRegularFile(f))
                    .max(Comparator.comparing(f -> f.getFileName().toString())).orElse(null);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** Reads and checks {@code file}. */
    public static TamingYaml read(Path file) throws IOException {
        return firstStage(fields(file));
    }

    /** {@code file} loaded as plain YAML (bounded in size, nesting and aliases), its fields by dotted path. */
    static Fields fields(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file, "is not a readable file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new ImportException(file, "is " + Files.size(file) + " bytes, too large for a taming config (at most " + MAX_BYTES + ")");
        }
        Object root;
        try {
            root = yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new ImportException(file, "cannot be read as UTF-8 text (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException | StackOverflowError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\\R")[0];
            throw new ImportException(file, "is not a valid YAML config: " + why);
        }
        return new Fields(file, root);
    }

    /** The VQGAN of a loaded config: the model itself, or a taming transformer's first stage. */
    static TamingYaml firstStage(Fields f) throws ImportException {
        Path file = f.file();
        // A taming transformer's config holds its VQGAN's under first_stage_config.
        String base = f.string("model.target").endsWith(".Net2NetTransformer") ? "model.params.first_stage_config" : "model";
        String target = f.string(base + ".target");
        if (!target.endsWith(".VQModel")) {
            throw new ImportException(file, base + ".target is '" + target + "', not taming's VQModel (taming.models.vqgan.VQModel)");
        }
        String params = base + ".params.", dd = params + "ddconfig.";
        if (f.optional(dd + "double_z") != Boolean.FALSE) {
            throw new ImportException(file, dd + "double_z is missing or true; a VQGAN's encoder has double_z: false");
        }
        requireThree(f, file, dd + "in_channels");
        requireThree(f, file, dd + "out_ch");
        List<Integer> chMult = f.optional(dd + "ch_mult") == null ? List.of(1, 2, 4, 8) : f.ints(dd + "ch_mult"); // taming's default
        return new TamingYaml(file, target, f.integer(params + "embed_dim"), f.integer(params + "n_embed"),
                f.integer(dd + "resolution"), f.integer(dd + "ch"), chMult, f.integer(dd + "num_res_blocks"),
                f.ints(dd + "attn_resolutions"), f.integer(dd + "z_channels"));
    }

    private static void requireThree(Fields f, Path file, String field) throws ImportException {
        if (f.integer(field) != 3) {
            throw new ImportException(file, field + " is " + f.integer(field) + "; only RGB models (3) are supported");
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_BYTES);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(32);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** Dotted-path access into the loaded tree, every wrong type named. */
    record Fields(Path file, Object root) {

        Object optional(String path) throws ImportException {
            Object node = root;
            for (String part : path.split("\\.")) {
                if (node == null) {
                    return null;
                }
                if (!(node instanceof Map<?, ?> map)) {
                    throw new ImportException(file, "has no " + path + " (what holds '" + part + "' is not a mapping)");
                }
                node = map.get(part);
            }
            return node;
        }

        Object required(String path) throws ImportException {
            Object v = optional(path);
            if (v == null) {
                throw new ImportException(file, path + " is missing");
            }
            return v;
        }

        String string(String path) throws ImportException {
            if (!(required(path) instanceof String s)) {
                throw new ImportException(file, path + " is not a string");
            }
            return s;
        }

        int integer(String path) throws ImportException {
            return asInt(path, required(path));
        }

        List<Integer> ints(String path) throws ImportException {
            if (!(required(path) instanceof List<?> list)) {
                throw new ImportException(file, path + " is not a list");
            }
            if (list.size() > 64) {
                throw new ImportException(file, path + " has " + list.size() + " entries; at most 64");
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(asInt(path + "[" + i + "]", list.get(i)));
            }
            return out;
        }

        private int asInt(String path, Object v) throws ImportException {
            if (v instanceof Integer i) {
                return i;
            }
            throw new ImportException(file, path + " is " + (v instanceof Number ? "'" + v + "', not an integer of int range"
                    : "not an integer"));
        }
    }
}
