package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImageNetClasses;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.Origin;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.prior.PriorShape;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.torchsave.Checkpoint;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts a prior of another project (LlamaGen's class-conditional GPT...) into a prior of ours
 * for one tokenizer: the family recognised by the weights' keys, the spec read off their shapes,
 * the vocabulary and grid checked against the tokenizer whose codes it models, whose id it then
 * records (a prior is only ever opened with that tokenizer). Nothing the file names is run.
 */
public final class PriorImport {

    private PriorImport() {}

    /** The tokenizer a prior is imported for: its id (what the prior records), name, grid and codes. */
    public record TokenizerRef(String id, String name, int gridSize, int codebookSize) {

        /** The tokenizer {@code t}, whose checkpoint has id {@code id}. */
        public static TokenizerRef of(String id, ImageTokenizer t) {
            return new TokenizerRef(id, t.name(), t.gridSize(), t.codebookSize());
        }
    }

    /**
     * An imported prior with what it is made of.
     *
     * @param explanation how each number of the spec was found, one sentence a line
     * @param half        whether the source stored its weights in float16 (the checkpoint keeps F16 then)
     */
    public record Imported(String name, PriorFamily<?> family, Record spec, Prior prior, List<String> explanation, Origin origin,
                           TokenizerRef tokenizer, List<String> classNames, boolean half) {

        /** The spec.json of the imported prior. */
        public ModelHeader header() {
            return new ModelHeader(PriorStore.KIND, ModelHeader.FORMAT, tokenizer.id() + "/" + origin.sha256().substring(0, 16),
                    tokenizer.id(), Json.GSON.toJsonTree(spec), 0, origin);
        }

        /** The model card: what it is, for which tokenizer, where its weights came from and under which licence. */
        public String card() {
            PriorShape s = prior.shape();
            return "# Prior `" + name() + "` (imported)\n\n"
                    + "- Family: " + family.title() + " (`" + family.name() + "`), autoregressive over " + s.gridSize() + "x"
                    + s.gridSize() + " grids of " + s.codebookSize() + " codes, " + s.numClasses() + " classes"
                    + (s.nullClass() ? " and a null class (classifier-free guidance)" : ", always class-conditional (no guidance)")
                    + ", " + prior.parameterCount() + " parameters\n"
                    + "- Models the codes of tokenizer `" + tokenizer.name() + "` (id " + tokenizer.id() + ")\n"
                    + "- Converted from `" + origin.file() + "` (" + origin.bytes() + " bytes, " + origin.format()
                    + ", SHA-256 " + origin.sha256() + ")" + (half ? ", weights kept in float16" : "") + "\n"
                    + "- Source: " + origin.project() + "\n"
                    + "- Licence: " + family.importer().licence() + "\n\n"
                    + "## How its shape was read\n\n" + explanation.stream().map(l -> "- " + l).collect(Collectors.joining("\n"))
                    + "\n";
        }
    }

    /** The imported prior family whose weights {@code sd} holds, or null when none recognises them. */
    public static PriorFamily<?> detect(StateDict sd) throws ImportException {
        List<PriorFamily<?>> found = Families.importedPriors().stream().filter(f -> f.importer().recognises(sd)).toList();
        if (found.size() > 1) {
            throw new ImportException(sd.file(), "has the keys of several prior families ("
                    + found.stream().map(PriorFamily::title).collect(Collectors.joining(", ")) + "); it cannot be told apart");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Reads {@code file}, recognises its prior family, infers its spec and loads its weights into a
     * prior in {@code m}, for the codes of {@code tokenizer}.
     *
     * @param gridOrNull  the grid side the user gave, or null
     * @param headsOrNull the attention heads the user gave, or null
     * @throws IOException one line naming the file: not a prior we import, or one whose vocabulary or
     *                     grid does not fit the tokenizer
     */
    public static Imported convert(Path file, Path configOrNull, Integer gridOrNull, Integer headsOrNull, TokenizerRef tokenizer,
            NDManager m)
            throws IOException {
        Checkpoint ck = TorchFile.read(file);
        StateDict sd = ck.stateDict();
        PriorFamily<?> family = detect(sd);
        if (family == null) {
            throw new ImportException(file, "is not a prior of a family VQ Studio imports ("
                    + Families.importedPriors().stream().map(PriorFamily::title).collect(Collectors.joining(", ")) + ")");
        }
        Path config = configOrNull != null ? configOrNull : family.importer().configBeside(file);
        return convertAs(family, sd, config, gridOrNull, headsOrNull, tokenizer, m, ModelImport.origin(file, ck.format(),
                family.importer().project()));
    }

    private static <S extends Record> Imported convertAs(PriorFamily<S> family, StateDict sd, Path config, Integer gridOrNull,
            Integer headsOrNull, TokenizerRef tok, NDManager m, Origin origin) throws IOException {
        Inferred<S> found = family.importer().infer(sd, config, gridOrNull, headsOrNull, tok.gridSize());
        Prior prior = family.importer().load(sd, found.spec(), m);
        PriorShape s = prior.shape();
        if (s.codebookSize() != tok.codebookSize() || s.gridSize() != tok.gridSize()) {
            throw new ImportException(sd.file(), "models " + s.gridSize() + "x" + s.gridSize() + " grids of " + s.codebookSize()
                    + " codes, but the tokenizer " + tok.name() + " makes " + tok.gridSize() + "x" + tok.gridSize() + " grids of "
                    + tok.codebookSize() + " codes: import it for its own tokenizer"
                    + (s.gridSize() != tok.gridSize() ? " (or give the grid it was trained on)" : ""));
        }
        List<String> lines = new ArrayList<>(found.lines());
        List<String> classes = ImageNetClasses.forClasses(s.numClasses());
        lines.add(s.numClasses() == ImageNetClasses.COUNT ? "1000 classes: ImageNet-1k's, named in their usual order."
                : s.numClasses() + " classes, named by their ids (only a 1000-class prior is known to be ImageNet's).");
        return new Imported(Inferred.nameOf(sd.file()), family, found.spec(), prior, lines, origin, tok, classes,
                ModelImport.storedInHalf(sd));
    }

    /** Writes {@code imp} as a prior checkpoint at {@code out} (a new or empty folder, or a checkpoint to replace). */
    public static void write(Imported imp, Path out) throws IOException {
        CheckpointDir.writeAt(out, dir -> {
            SafeTensors.write(dir.resolve(CheckpointDir.WEIGHTS), Weights.stateDict(imp.prior().network()),
                    Map.of("origin", imp.origin().file()), imp.half() ? SafeTensors.Storage.F16 : SafeTensors.Storage.F32);
            Json.write(dir.resolve(CheckpointDir.SPEC), imp.header());
            Json.write(dir.resolve(PriorStore.CLASSES), imp.classNames());
            Files.writeString(dir.resolve(CheckpointDir.CARD), imp.card());
        });
    }
}
