package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.Origin;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.torchsave.Checkpoint;
import io.vqstudio.bridge.torchsave.DType;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts another project's torch file into a tokenizer of one of the imported families: the
 * family is recognised by the weights' keys (each {@link io.vqstudio.bridge.imports.Importer}
 * says which are its), the spec read off their shapes (and the project's config), the weights
 * copied in. The result opens in memory ({@link TokenizerStore#open}) or is written once as a
 * checkpoint of ours ({@link #write}: spec.json with its family and origin, model.safetensors,
 * a model card naming the source and its licence). The model's id is the start of the source
 * file's SHA-256, so both ways give the same id and the same priors fit both.
 */
public final class ModelImport {

    /** Top-level key prefixes named when no family recognises a file. */
    private static final int PREFIXES_SHOWN = 8;

    private ModelImport() {}

    /**
     * An imported model with what it is made of.
     *
     * @param explanation how each number of the spec was found, one sentence a line
     * @param half        whether the source stored its weights in float16 (the checkpoint keeps F16 then)
     */
    public record Imported(TokenizerFamily<?> family, ImageTokenizer model, List<String> explanation, Origin origin,
                           boolean half) {

        /** The spec.json of the imported model. */
        public ModelHeader header() {
            return TokenizerStore.header(model.spec(), origin.sha256().substring(0, 16), 0, origin);
        }

        /** The model card: what it is, where its weights came from and under which licence. */
        public String card() {
            TokenizerSpec s = model.spec();
            return "# Tokenizer `" + s.name() + "` (imported)\n\n"
                    + "- Family: " + family.title() + " (`" + family.name() + "`), " + s.resolution() + "x" + s.resolution()
                    + " images -> " + s.gridSize() + "x" + s.gridSize() + " tokens, " + s.codebookSize() + " codes, "
                    + model.parameterCount() + " parameters\n"
                    + "- Converted from `" + origin.file() + "` (" + origin.bytes() + " bytes, " + origin.format()
                    + ", SHA-256 " + origin.sha256() + ")" + (half ? ", weights kept in float16" : "") + "\n"
                    + "- Source: " + origin.project() + "\n"
                    + "- Licence: " + family.importer().licence() + "\n\n"
                    + "## How its shape was read\n\n" + explanation.stream().map(l -> "- " + l).collect(Collectors.joining("\n"))
                    + "\n";
        }
    }

    /**
     * Whether {@code given} is another project's file rather than a checkpoint of ours: a regular
     * file outside a checkpoint directory whose first bytes are a torch.save file's (zip or legacy)
     * or a safetensors file's.
     */
    public static boolean isForeign(Path given) {
        if (!Files.isRegularFile(given)) {
            return false;
        }
        Path dir = given.toAbsolutePath().getParent();
        if (dir != null && CheckpointDir.readable(dir) != null) {
            return false;
        }
        byte[] head = new byte[16];
        try (InputStream in = Files.newInputStream(given)) {
            if (in.readNBytes(head, 0, 16) < 16) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        boolean zip = head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean legacy = (head[0] & 0xff) == 0x80 && head[1] == 2 && (head[2] & 0xff) == 0x8a;
        boolean safetensors = head[8] == '{'; // an 8-byte header length, then its JSON
        return zip || legacy || safetensors;
    }

    /**
     * Reads {@code file}, recognises its family, infers its spec (with {@code configOrNull}, or the
     * project's config found beside the file; at {@code resolutionOrNull} pixels where given) and
     * loads its weights into a model in {@code m}.
     *
     * @throws IOException one line naming the file: not a torch file, no family recognised (with
     *                     the prefixes found), a config or weights that do not fit
     */
    public static Imported convert(Path file, Path configOrNull, Integer resolutionOrNull, NDManager m) throws IOException {
        Checkpoint ck = TorchFile.read(file);
        StateDict sd = ck.stateDict();
        TokenizerFamily<?> family = detect(sd);
        Path config = configOrNull != null ? configOrNull : family.importer().configBeside(file);
        return convertAs(family, sd, config, resolutionOrNull, m, origin(file, ck.format(), family));
    }

    private static <S extends TokenizerSpec> Imported convertAs(TokenizerFamily<S> family, StateDict sd, Path config,
            Integer resolutionOrNull, NDManager m, Origin origin) throws IOException {
        Inferred<S> found = family.importer().infer(sd, config);
        S spec = found.spec();
        List<String> lines = new java.util.ArrayList<>(found.lines());
        if (resolutionOrNull != null && resolutionOrNull != spec.resolution()) {
            spec = family.importer().atResolution(sd, spec, resolutionOrNull);
            lines.add("Resolution " + spec.resolution() + " px as asked, so a " + spec.gridSize() + "x" + spec.gridSize()
                    + " token grid.");
        }
        ImageTokenizer model = family.importer().load(sd, spec, m);
        return new Imported(family, model, lines, origin, storedInHalf(sd));
    }

    /**
     * The imported family whose weights {@code file} holds, by their keys, a prior's or a
     * tokenizer's; the weights stay in the file.
     */
    public static String familyOf(Path file) throws IOException {
        StateDict sd = TorchFile.read(file).stateDict();
        PriorFamily<?> prior = PriorImport.detect(sd);
        return prior != null ? prior.name() : detect(sd).name();
    }

    /** Whether another project's file holds a prior or a tokenizer ({@code "prior"}, {@code "tokenizer"}), by its keys. */
    public static String kindOf(Path file) throws IOException {
        return PriorImport.detect(TorchFile.read(file).stateDict()) != null ? PriorStore.KIND : TokenizerStore.KIND;
    }

    /** Whether every weight of {@code sd} is float16: the converted checkpoint then keeps them so. */
    static boolean storedInHalf(StateDict sd) {
        return !sd.tensors().isEmpty() && sd.tensors().values().stream().allMatch(t -> t.dtype() == DType.FLOAT16);
    }

    /** The one imported family whose keys the weights have. */
    static TokenizerFamily<?> detect(StateDict sd) throws ImportException {
        List<TokenizerFamily<?>> found = Families.imported().stream().filter(f -> f.importer().recognises(sd)).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        String families = Families.imported().stream().map(TokenizerFamily::title).collect(Collectors.joining(", "));
        if (found.isEmpty()) {
            String prefixes = sd.prefixes().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(PREFIXES_SHOWN)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
            String priors = Families.importedPriors().stream().map(PriorFamily::title).collect(Collectors.joining(", "));
            throw new ImportException(sd.file(), "is not a model of a family VQ Studio imports (tokenizers: " + families
                    + "; priors: " + priors + "): its " + sd.tensors().size() + " weights start with "
                    + (prefixes.isEmpty() ? "nothing" : prefixes));
        }
        throw new ImportException(sd.file(), "has the keys of several families ("
                + found.stream().map(TokenizerFamily::title).collect(Collectors.joining(", ")) + "); it cannot be told apart");
    }

    /** Writes {@code imp} as a checkpoint at {@code out} (a new or empty folder, or a checkpoint to replace). */
    public static void write(Imported imp, Path out) throws IOException {
        CheckpointDir.writeAt(out, dir -> {
            SafeTensors.write(dir.resolve(CheckpointDir.WEIGHTS), Weights.stateDict(TokenizerStore.moduleOf(imp.model())),
                    Map.of("origin", imp.origin().file()), imp.half() ? SafeTensors.Storage.F16 : SafeTensors.Storage.F32);
            TokenizerStore.writeHeader(dir, imp.header(), imp.card());
        });
    }

    static Origin origin(Path file, String format, TokenizerFamily<?> family) throws IOException {
        return origin(file, format, family.importer().project());
    }

    static Origin origin(Path file, String format, String project) throws IOException {
        String kind = switch (format) {
            case "zip" -> "torch.save zip";
            case "legacy" -> "legacy torch.save";
            default -> format;
        };
        return new Origin(file.getFileName().toString(), Files.size(file), sha256(file), project, kind);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
