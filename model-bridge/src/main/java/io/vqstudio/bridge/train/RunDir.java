package io.vqstudio.bridge.train;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.api.RgbImage;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A training run's directory: {@code train.json} (the run's spec), {@code checkpoint/} (written
 * atomically: model, discriminator, optimiser moments, step), {@code metrics.jsonl} and
 * {@code previews/step-NNNNNNN.png}.
 */
public final class RunDir {

    static final String DISC = "discriminator.safetensors";
    static final String OPTIM = "optimizer.safetensors";
    static final String TRAIN_SPEC = "train.json";

    private final Path dir;

    public RunDir(Path dir) {
        this.dir = dir;
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.jsonl");
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
        Path saved = runDir.resolve(TRAIN_SPEC);
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
        if (!Files.isDirectory(checkpoint())) {
            throw new IOException("Nothing to resume: " + checkpoint() + " does not exist");
        }
        Path ck = CheckpointDir.resolve(checkpoint());
        ModelHeader header = ModelHeader.read(ck).requireKind(TokenizerStore.KIND, ck);
        Weights.load(model, ck.resolve(CheckpointDir.WEIGHTS));
        if (disc != null && Files.exists(ck.resolve(DISC))) {
            Weights.load(disc, ck.resolve(DISC));
        }
        readOptimizer(ck.resolve(OPTIM), gOpt, dOpt);
        return header;
    }

    public void savePrior(Prior prior, Adam opt, TokenFile.Header tokens, PriorTrainSpec spec, long step)
            throws IOException {
        CheckpointDir.writeAtomically(checkpoint(), tmp -> {
            PriorStore.writeInto(tmp, prior, tokens.tokenizerId(), tokens.classNames(), step,
                    ModelCards.prior(spec, prior.spec(), tokens, step));
            writeOptimizer(tmp.resolve(OPTIM), opt, null);
        });
    }

    /** Loads the last checkpoint; refuses it when it models another tokenizer's codes than the token file. */
    public long restorePrior(Prior prior, Adam opt, TokenFile.Header tokens) throws IOException {
        if (!Files.isDirectory(checkpoint())) {
            throw new IOException("Nothing to resume: " + checkpoint() + " does not exist");
        }
        Path ck = CheckpointDir.resolve(checkpoint());
        ModelHeader header = ModelHeader.read(ck).requireKind(PriorStore.KIND, ck);
        PriorStore.requireSameTokenizer(header, tokens, ck);
        Weights.load(prior.net(), ck.resolve(CheckpointDir.WEIGHTS));
        readOptimizer(ck.resolve(OPTIM), opt, null);
        return header.step();
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
        Path previews = dir.resolve("previews");
        Files.createDirectories(previews);
        ImageIO.write(grid.toBufferedImage(), "png", previews.resolve(String.format("step-%07d.png", step)).toFile());
        return grid;
    }
}
