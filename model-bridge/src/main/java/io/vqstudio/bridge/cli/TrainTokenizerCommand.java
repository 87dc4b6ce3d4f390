package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TrainSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-tokenizer}: trains a stage-1 model into a run directory, resumable. */
@Command(name = "train-tokenizer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an image tokenizer (ViT-VQGAN, CNN VQGAN or VQ-VAE) into a run directory: "
                + "checkpoint/ (atomic), metrics.jsonl, previews/*.png. Ctrl-C saves a checkpoint; --resume continues; a new run "
                + "refuses a folder that holds a run unless --overwrite. "
                + "A resumed run keeps its saved settings (train.json) except the schedule and loss flags given again: "
                + "--steps, --batch, --lr, --min-lr, --warmup, --loss-weights, --no-gan, --disc-start, --perceptual, "
                + "--intervals (e.g. continue on the pixel losses alone with a final decay); model and data flags are ignored.")
final class TrainTokenizerCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "PATH", description = "Training images: folder, zip or IDX.")
    Path data;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Model preset: vit-ss, vit-bb, vit-sl (paper, 256px), vit-cpu, cnn-cpu, vqvae-cpu (64px), *-tiny. Default: vit-cpu")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory.")
    Path out;

    @Option(names = "--steps", converter = Checks.PositiveLong.class, paramLabel = "N", description = "Total training steps (default 100000).")
    Long steps;

    @Option(names = "--batch", converter = Checks.PositiveInt.class, paramLabel = "B", description = "Batch size (default 16).")
    Integer batch;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = RunStart.OVERWRITE_HELP)
    boolean overwrite;

    @Option(names = "--finetune-decoder", paramLabel = "TOKENIZER",
            description = "Train only the decoder of this tokenizer checkpoint, its encoder and codebook frozen: it keeps "
                    + "its codes and its id, so priors made for it stay valid. The model comes from the checkpoint "
                    + "(--preset is ignored; flags that change codes are refused); the loss flags still apply.")
    Path finetuneDecoder;

    @Option(names = "--init-from", paramLabel = "TOKENIZER",
            description = "Start the whole model from this tokenizer checkpoint's weights (its model; --preset is ignored, "
                    + "flags that change the codebook are refused). Its codes move as it trains: the result has a new id, "
                    + "and priors follow with train-prior --init-from.")
    Path initFrom;

    @Option(names = "--encoder-layers", converter = Checks.PositiveInt.class, paramLabel = "N",
            description = "With --init-from: grow the ViT encoder to N blocks; the new ones start as identities.")
    Integer encoderLayers;

    @Option(names = "--decoder-layers", converter = Checks.PositiveInt.class, paramLabel = "N",
            description = "With --finetune-decoder or --init-from: grow the ViT decoder to N blocks; the new ones start as identities.")
    Integer decoderLayers;

    @Option(names = "--perceptual", paramLabel = "PATH",
            description = "Feature network for the perceptual loss (Tiny Darknet .npz or TF.js folder). Without it that loss is off.")
    Path perceptual;

    @Option(names = "--loss-weights", converter = Checks.NonNegativeFloat.class, split = ",", paramLabel = "L2,LL,PERC,ADV",
            description = "Weights of the L2, logit-Laplace, perceptual and adversarial losses; 0 switches one off (default 1,0.1,0.1,0.1, the paper's; our uncalibrated LPIPS-style distance runs about 5x larger than LPIPS).")
    float[] lossWeights;

    @Option(names = "--lr", converter = Checks.PositiveFloat.class, paramLabel = "LR", description = "Peak learning rate (default 1e-4; the floor keeps the run's ratio to the peak, half by default).")
    Float lr;

    @Option(names = "--min-lr", converter = Checks.PositiveFloat.class, paramLabel = "LR", description = "Learning rate at the end of the cosine decay (default half of --lr).")
    Float minLr;

    @Option(names = "--warmup", converter = Checks.NonNegativeInt.class, paramLabel = "N", description = "Warm-up steps (default 1000).")
    Integer warmup;

    @Option(names = "--disc-start", converter = Checks.NonNegativeInt.class, paramLabel = "STEP", description = "Step at which the discriminator starts (preset default 10000).")
    Integer discStart;

    @Option(names = "--lookup-dim", converter = Checks.PositiveInt.class, paramLabel = "C", description = "Codebook lookup dimension (default 32; = width turns factorisation off).")
    Integer lookupDim;

    @Option(names = "--codebook-size", converter = Checks.CodebookSize.class, paramLabel = "K", description = "Number of codes (default 8192).")
    Integer codebookSize;

    @Option(names = "--no-l2", description = "Do not l2-normalise codes (the paper's ablation).")
    boolean noL2;

    @Option(names = "--codebook-init", paramLabel = "data|normal",
            description = "Start codes at encoder outputs of the first batch (data), or draw them from a normal distribution as the paper does (normal). Default: data")
    String codebookInit;

    @Option(names = "--restart-every", converter = Checks.NonNegativeInt.class, paramLabel = "STEPS",
            description = "Move codes unused for this many steps onto current encoder outputs (default 200; 0 keeps dead codes, as the paper).")
    Integer restartEvery;

    @Option(names = "--no-gan", description = "Switch the adversarial loss off.")
    boolean noGan;

    @Option(names = "--intervals", converter = Checks.NonNegativeInt.class, paramLabel = "LOG,EVAL,CKPT,PREVIEW,EVAL_IMAGES", split = ",",
            description = "Steps between log lines, evaluations, checkpoints, previews; images per evaluation (default: scaled to --steps, "
                    + "50,1000,500,500,512 for runs of 20000 steps or more).")
    int[] intervals;

    @Option(names = "--time-limit", converter = Checks.PositiveDouble.class, paramLabel = "MINUTES",
            description = "Stop (with a checkpoint) after this much wall time: runs of matched training time.")
    Double timeLimit;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for data order, flips and initialisation (default 0).")
    Long seed;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Checks.intervals(command, intervals, "LOG,EVAL,CKPT,PREVIEW,EVAL_IMAGES");
        RunStart.check(out, resume, overwrite);
        TokenizerTrainSpec spec = buildSpec();
        RunStart.startOver(out, overwrite, data, finetuneDecoder, initFrom, perceptual);
        Files.createDirectories(out);
        try (VqBridge bridge = engine.startBridge()) {
            Job<TrainSummary> job = bridge.trainTokenizer(spec, out, resume);
            job.subscribe(e -> {
                if (e instanceof JobEvent.Metrics m && m.values().keySet().stream().anyMatch(k -> k.startsWith("val/"))) {
                    JobRunner.line("step " + m.step() + "  " + Format.metrics(m.values()));
                }
            });
            java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
            if (timeLimit != null) {
                java.util.concurrent.CompletableFuture.delayedExecutor((long) (timeLimit * 60_000),
                        java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
                            timedOut.set(true);
                            job.cancel();
                        });
            }
            try {
                TrainSummary summary = JobRunner.awaitSaving(job, engine.json);
                if (engine.json) {
                    Format.json(summary);
                } else {
                    System.out.println(summary);
                }
            } catch (io.vqstudio.bridge.core.CancelledException e) {
                if (!timedOut.get()) {
                    throw e;
                }
                if (engine.json) {
                    Format.jsonFields("stopped", "time limit of " + timeLimit + " min reached", "out", out);
                } else {
                    System.out.println("time limit of " + timeLimit + " min reached");
                }
            }
            return 0;
        }
    }

    /** The run's spec through the one run plan; the loss flags and the perceptual network on top. */
    private TokenizerTrainSpec buildSpec() throws java.io.IOException {
        boolean[] fresh = {false};
        TokenizerTrainSpec spec = RunPlan.tokenizer(() -> {
            fresh[0] = true;
            return newRun();
        }, new RunPlan.Overrides(steps, batch, lr, minLr, warmup, intervals)).resolve(out, resume);
        if (resume && !fresh[0]) {
            ResumeNotice.ignored(out, "model, data and seed", new Object[][] {{"--preset", preset}, {"--data", data},
                    {"--seed", seed}, {"--finetune-decoder", finetuneDecoder}, {"--init-from", initFrom},
                    {"--encoder-layers", encoderLayers}, {"--decoder-layers", decoderLayers}, {"--lookup-dim", lookupDim},
                    {"--codebook-size", codebookSize}, {"--no-l2", noL2 ? true : null}, {"--codebook-init", codebookInit},
                    {"--restart-every", restartEvery}});
        }
        spec = spec.withModel(withLossFlags(spec.model()));
        return perceptual == null ? spec : spec.withPerceptual(perceptual.toAbsolutePath().toString());
    }

    /** A new run: the preset (or the tokenizer it starts from), data and seed. */
    private TokenizerTrainSpec newRun() throws java.io.IOException {
        if (data == null) {
            throw new IllegalArgumentException("--data is required for a new run");
        }
        if (finetuneDecoder != null && initFrom != null) {
            throw new IllegalArgumentException("--finetune-decoder and --init-from exclude each other");
        }
        Path source = finetuneDecoder != null ? finetuneDecoder : initFrom;
        if (source == null && (encoderLayers != null || decoderLayers != null)) {
            throw new IllegalArgumentException("--encoder-layers and --decoder-layers grow the tokenizer of --init-from"
                    + " or --finetune-decoder");
        }
        if (finetuneDecoder != null && encoderLayers != null) {
            throw new IllegalArgumentException("--finetune-decoder keeps the encoder; grow it with --init-from");
        }
        TrainableTokenizerSpec model = source != null ? grown(specOf(source))
                : withCodebookFlags(Families.tokenizerPreset(preset != null ? preset : "vit-cpu"));
        TokenizerTrainSpec spec = TokenizerTrainSpec.defaults(model, data.toAbsolutePath().toString());
        if (finetuneDecoder != null) {
            spec = spec.withDecoderOf(finetuneDecoder.toAbsolutePath().toString());
        } else if (initFrom != null) {
            spec = spec.withInitFrom(initFrom.toAbsolutePath().toString());
        }
        if (seed != null) {
            spec = spec.withValidation(spec.validationFraction(), spec.flip(), seed);
        }
        return spec;
    }

    /** The loss flags, for a new run and a resumed one alike. */
    private TrainableTokenizerSpec withLossFlags(TrainableTokenizerSpec model) {
        if (noGan) {
            model = model.withLoss(model.loss().withAdversarial(0));
        }
        if (lossWeights != null) {
            if (lossWeights.length != 4) {
                throw new IllegalArgumentException("--loss-weights takes four numbers: L2,LL,PERC,ADV");
            }
            LossSpec l = model.loss();
            model = model.withLoss(new LossSpec(lossWeights[0], lossWeights[1], lossWeights[2], lossWeights[3],
                    l.discriminator(), l.discStart(), l.r1Gamma(), l.adaptiveWeight()));
        }
        if (discStart != null) {
            model = model.withLoss(model.loss().withDiscStart(discStart));
        }
        return model;
    }

    /** A preset with the codebook flags applied. */
    private TrainableTokenizerSpec withCodebookFlags(TrainableTokenizerSpec model) {
        if (lookupDim != null) {
            model = model.withQuantizer(model.quantizer().withLookupDim(lookupDim));
        }
        if (codebookSize != null) {
            model = model.withQuantizer(model.quantizer().withCodebookSize(codebookSize));
        }
        if (codebookInit != null && !codebookInit.equals("data") && !codebookInit.equals("normal")) {
            throw new IllegalArgumentException("--codebook-init takes data or normal");
        }
        model = model.withQuantizer(model.quantizer().withInitFromData(!"normal".equals(codebookInit)));
        if (restartEvery != null) {
            model = model.withQuantizer(model.quantizer().withRestartEvery(restartEvery));
        }
        if (noL2) {
            model = model.withQuantizer(model.quantizer().withL2(false));
        }
        return model;
    }

    /** The model spec of the tokenizer a run starts from; refuses flags that would change its codebook. */
    private TrainableTokenizerSpec specOf(Path checkpoint) throws java.io.IOException {
        if (lookupDim != null || codebookSize != null || noL2 || restartEvery != null || codebookInit != null) {
            throw new IllegalArgumentException("a run started from " + checkpoint + " keeps its codebook: --lookup-dim,"
                    + " --codebook-size, --no-l2, --codebook-init and --restart-every would change it");
        }
        return TokenizerStore.trainableSpecOf(checkpoint);
    }

    /** {@code model} with the blocks of --encoder-layers and --decoder-layers added (never removed). */
    private TrainableTokenizerSpec grown(TrainableTokenizerSpec model) {
        if (encoderLayers == null && decoderLayers == null) {
            return model;
        }
        if (!(model instanceof ViTVqganSpec vit)) {
            throw new IllegalArgumentException("--encoder-layers and --decoder-layers add ViT-VQGAN blocks; "
                    + model.name() + " is " + model.family());
        }
        return vit.withEncoderLayers(atLeast("--encoder-layers", encoderLayers, vit.encoder().layers()))
                .withDecoderLayers(atLeast("--decoder-layers", decoderLayers, vit.decoder().layers()));
    }

    private static int atLeast(String flag, Integer layers, int has) {
        if (layers != null && layers < has) {
            throw new IllegalArgumentException(flag + " can only add blocks (there are " + has + ")");
        }
        return layers == null ? has : layers;
    }
}
