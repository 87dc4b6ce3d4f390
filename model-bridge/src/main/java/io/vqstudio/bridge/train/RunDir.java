package io.vqstudio.bridge.train;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.classifier.ClassifierStore;
import io.vqstudio.bridge.classifier.ImageClassifier;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.family.TokenizerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A training run's directory: {@code train.json} (the run's spec), {@code checkpoint/} (written
 * atomically through {@code checkpoint.tmp} and {@code checkpoint.old}: model, discriminator,
 * optimiser moments, step), {@code metrics.jsonl} and {@code previews/step-NNNNNNN.png}. These are
 * the run's own names: a new run refuses to start over them ({@link #requireNoRun}), and starting
 * over deletes them and nothing else ({@link #clear}). Resuming reads the last complete checkpoint,
 * finishing a checkpoint swap a crash interrupted (see {@link CheckpointDir}).
 */
public final class RunDir {

    static final String DISC = "discriminator.safetensors";
    static final String OPTIM = "optimizer.safetensors";
    static final String TRAIN_SPEC = "train.json";
    private static final String METRICS = "metrics.jsonl";
    private static final String PREVIEWS = "previews";
    private static final String TOKENS = "tokens.vqt";
    private static final String STUDIO_RECORD = "studio-run.json";
    private static final Pattern PREVIEW = Pattern.compile("step-\\d{7}\\.png");

    private final Path dir;

    public RunDir(Path dir) {
        this.dir = dir;
    }

    public Path checkpoint() {
        return dir.resolve(CheckpointDir.IN_RUN);
    }

    public Path metricsFile() {
        return dir.resolve(METRICS);
    }

    /** The run's spec, as it was started ({@link #writeTrainSpec}); absent before its first start. */
    public Path trainSpecFile() {
        return dir.resolve(TRAIN_SPEC);
    }

    /** Where a prior run trained on images keeps their tokens (made with the open tokenizer, resumable). */
    public Path tokensFile() {
        return dir.resolve(TOKENS);
    }

    /**
     * The studio's own note of a run it started (what its form asked for), beside the engine's files;
     * not one of the run's own files, so starting over keeps it.
     */
    public Path studioRecord() {
        return dir.resolve(STUDIO_RECORD);
    }

    /** Whether the directory holds a run: a spec, the engine's or the studio's. */
    public boolean isRun() {
        return Files.isRegularFile(trainSpecFile()) || Files.isRegularFile(studioRecord());
    }

    /** The newest preview picture of the run, or null when it has none. */
    public Path latestPreview() throws IOException {
        return previews().stream().max(Path::compareTo).orElse(null);
    }

    /** The run's own files and folders present in the directory, by name; empty where no run was started. */
    public List<String> existingRunFiles() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : ownFiles()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                found.add(p.getFileName().toString());
            }
        }
        if (!previews().isEmpty()) {
            found.add(PREVIEWS + "/step-*.png");
        }
        return found;
    }

    /** Refuses to start a new run where one was started: it would overwrite that run's checkpoint and log. */
    public void requireNoRun() throws IOException {
        List<String> found = existingRunFiles();
        if (!found.isEmpty()) {
            throw new IllegalStateException(dir + " already holds a training run (" + String.join(", ", found)
                    + "): resume it, or start the new run in another folder");
        }
    }

    /** Deletes the run's own files ({@link #existingRunFiles}), and nothing else, to start a new run over it. */
    public void clear() throws IOException {
        for (Path p : ownFiles()) {
            CheckpointDir.deleteTree(p);
        }
        for (Path p : previews()) {
            Files.delete(p);
        }
        Path folder = dir.resolve(PREVIEWS);
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    /** Whether {@code p} is, or lies inside, one of the run's own files, which {@link #clear} deletes. */
    public boolean owns(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(dir.toAbsolutePath().normalize().resolve(PREVIEWS))
                || ownFiles().stream().anyMatch(abs::startsWith)) {
            return true;
        }
        return abs.equals(dir.toAbsolutePath().normalize()) && !existingRunFiles().isEmpty(); // read as its checkpoint
    }

    /** The run's own files but its previews, absolute. */
    private List<Path> ownFiles() {
        Path ck = checkpoint().toAbsolutePath().normalize();
        return List.of(ck.resolveSibling(TRAIN_SPEC), ck, CheckpointDir.oldOf(ck), CheckpointDir.tmpOf(ck),
                ck.resolveSibling(METRICS));
    }

    private List<Path> previews() throws IOException {
        Path folder = dir.resolve(PREVIEWS);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> PREVIEW.matcher(p.getFileName().toString()).matches()).toList();
        }
    }

    public void writeTrainSpec(Object spec) throws IOException {
        Files.createDirectories(dir);
        Json.write(dir.resolve(TRAIN_SPEC), spec);
    }

    /**
     * The spec the run in {@code runDir} was started with, which a resume continues with (the CLI's
     * {@code --resume} and the studio's Resume alike); null before its first start.
     */
    public static <T> T savedTrainSpec(Path runDir, Class<T> type) throws IOException {
        Path saved = new RunDir(runDir).trainSpecFile();
        return Files.isRegularFile(saved) ? Json.read(saved, type) : null;
    }

    /** Saves the checkpoint; {@code codesOf} is the id a decoder fine-tune keeps (null: a digest of the weights). */
    public void saveTokenizer(Tokenizer model, Module disc, Adam gOpt, Adam dOpt, TokenizerTrainSpec spec, long step,
                              String codesOf) throws IOException {
        CheckpointDir.writeAtomically(checkpoint(), tmp -> {
            TokenizerStore.writeInto(tmp, model, step, ModelCards.tokenizer(spec, step, codesOf), codesOf);
            if (disc != null) {
                Weights.save(disc, tmp.resolve(DISC));
            }
            writeOptimizer(tmp.resolve(OPTIM), gOpt, dOpt);
        });
    }

    /** Loads the last checkpoint into the given modules and optimisers; returns its header (step, id). */
    public ModelHeader restoreTokenizer(Tokenizer model, Module disc, Adam gOpt, Adam dOpt) throws IOException {
        Path ck = lastCheckpoint();
        ModelHeader header = ModelHeader.read(ck).requireKind(TokenizerStore.KIND, ck);
        Weights.load(model, ck.resolve(CheckpointDir.WEIGHTS));
        if (disc != null && Files.exists(ck.resolve(DISC))) {
            Weights.load(disc, ck.resolve(DISC));
        }
        readOptimizer(ck.resolve(OPTIM), gOpt, dOpt);
        return header;
    }

    public void savePrior(TransformerPrior prior, Adam opt, TokenFile.Header tokens, PriorTrainSpec spec, long step)
            throws IOException {
        CheckpointDir.writeAtomically(checkpoint(), tmp -> {
            PriorStore.writeInto(tmp, prior, tokens.tokenizerId(), tokens.classNames(), step,
                    ModelCards.prior(spec, prior.spec(), tokens, step));
            writeOptimizer(tmp.resolve(OPTIM), opt, null);
        });
    }

    /** Loads the last checkpoint; refuses it when it models another tokenizer's codes than the token file. */
    public long restorePrior(TransformerPrior prior, Adam opt, TokenFile.Header tokens) throws IOException {
        Path ck = lastCheckpoint();
        ModelHeader header = ModelHeader.read(ck).requireKind(PriorStore.KIND, ck);
        PriorStore.requireSameTokenizer(header, tokens, ck);
        Weights.load(prior.net(), ck.resolve(CheckpointDir.WEIGHTS));
        readOptimizer(ck.resolve(OPTIM), opt, null);
        return header.step();
    }

    public void saveClassifier(ImageClassifier classifier, Adam opt, List<String> classNames, ClassifierTrainSpec spec,
                               long step) throws IOException {
        CheckpointDir.writeAtomically(checkpoint(), tmp -> {
            ClassifierStore.writeInto(tmp, classifier, classNames, step, ModelCards.classifier(spec, classifier.spec(),
                    classNames, step));
            writeOptimizer(tmp.resolve(OPTIM), opt, null);
        });
    }

    /** Loads the last checkpoint; refuses it when it classifies other classes than the data (by name, in order). */
    public long restoreClassifier(ImageClassifier classifier, Adam opt, List<String> classNames) throws IOException {
        Path ck = lastCheckpoint();
        ModelHeader header = ModelHeader.read(ck).requireKind(ClassifierStore.KIND, ck);
        List<String> saved = List.of(Json.read(ck.resolve(ClassifierStore.CLASSES), String[].class));
        if (!saved.equals(classNames)) {
            throw new IllegalArgumentException("The checkpoint at " + ck + " classifies " + saved
                    + ", but the data now have the classes " + classNames + ": resume on the same data");
        }
        Weights.load(classifier, ck.resolve(CheckpointDir.WEIGHTS));
        readOptimizer(ck.resolve(OPTIM), opt, null);
        return header.step();
    }

    /** The last complete checkpoint, its interrupted swap finished first; refuses when there is none. */
    private Path lastCheckpoint() throws IOException {
        Path ck = CheckpointDir.recover(checkpoint());
        if (ck == null) {
            throw new IOException("Nothing to resume: " + checkpoint() + " does not exist"
                    + (Files.exists(CheckpointDir.tmpOf(checkpoint())) ? " (" + CheckpointDir.tmpOf(checkpoint()).getFileName()
                    + " is an unfinished write)" : ""));
        }
        return ck;
    }

    static void writeOptimizer(Path file, Adam gOpt, Adam dOpt) throws IOException {
        Map<String, NDArray> all = new LinkedHashMap<>();
        gOpt.stateTensors().forEach((k, v) -> all.put("g." + k, v));
        Map<String, String> meta = new HashMap<>(Map.of("g_steps", Long.toString(gOpt.stepCount())));
        if (dOpt != null) {
            dOpt.stateTensors().forEach((k, v) -> all.put("d." + k, v));
            meta.put("d_steps", Long.toString(dOpt.stepCount()));
        }
        SafeTensors.write(file, all, meta, SafeTensors.Storage.F32);
    }

    static void readOptimizer(Path file, Adam gOpt, Adam dOpt) throws IOException {
        Map<String, String> meta = SafeTensors.metadata(file);
        try (NDManager tmp = NDManager.newBaseManager(EngineRuntime.get().device())) {
            Map<String, NDArray> all = SafeTensors.read(file, tmp);
            gOpt.load(strip(all, "g."), Long.parseLong(meta.getOrDefault("g_steps", "0")));
            if (dOpt != null && meta.containsKey("d_steps")) {
                dOpt.load(strip(all, "d."), Long.parseLong(meta.get("d_steps")));
            }
        }
    }

    private static Map<String, NDArray> strip(Map<String, NDArray> all, String prefix) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public RgbImage writePreview(long step, RgbImage grid) throws IOException {
        Path previews = dir.resolve(PREVIEWS);
        Files.createDirectories(previews);
        ImageIO.write(grid.toBufferedImage(), "png", previews.resolve(String.format("step-%07d.png", step)).toFile());
        return grid;
    }
}
