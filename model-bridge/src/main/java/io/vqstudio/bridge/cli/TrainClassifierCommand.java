package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobContext;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.ClassifierTrainSpec;
import io.vqstudio.bridge.train.ClassifierTrainer;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TrainListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-classifier}: a small CNN classifier on labelled images, to score a prior's samples with. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a small CNN image classifier on labelled images (class folders, a zip, or IDX files with "
                + "labels) into a run directory, and report its accuracy on the held-out images; eval-samples scores a "
                + "prior's samples with it. Ctrl-C saves a checkpoint; --resume continues; a new run refuses a folder "
                + "that holds a run unless --overwrite. A resumed run keeps its saved settings (train.json) except "
                + "--steps, --batch, --lr, --min-lr and --warmup given again.")
final class TrainClassifierCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "PATH", description = "Labelled training images: folder, zip or IDX.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory.")
    Path out;

    @Option(names = "--steps", converter = Checks.PositiveLong.class, paramLabel = "N", description = "Total steps (default 2500).")
    Long steps;

    @Option(names = "--batch", converter = Checks.PositiveInt.class, paramLabel = "B", description = "Batch size (default 128).")
    Integer batch;

    @Option(names = "--lr", converter = Checks.PositiveFloat.class, paramLabel = "LR",
            description = "Peak learning rate (default 1e-3, cosine decay to 1e-5; a peak given alone keeps that ratio).")
    Float lr;

    @Option(names = "--min-lr", converter = Checks.PositiveFloat.class, paramLabel = "LR",
            description = "Learning rate at the end of the cosine decay (default: the run's ratio to the peak, 1/100 by default).")
    Float minLr;

    @Option(names = "--warmup", converter = Checks.NonNegativeInt.class, paramLabel = "N", description = "Linear warm-up steps (default 200).")
    Integer warmup;

    @Option(names = "--resolution", converter = Checks.PositiveInt.class, paramLabel = "PX",
            description = "Side the images are resized to: the resolution of the tokenizer whose samples it will score "
                    + "(default 32).")
    Integer resolution;

    @Option(names = "--width", converter = Checks.PositiveInt.class, paramLabel = "C",
            description = "Channels of the first stage; each later stage doubles them, up to 8 times (default 16; 32 for photos).")
    Integer width;

    @Option(names = "--validation", converter = Checks.Fraction.class, paramLabel = "FRACTION",
            description = "Share of the images held out (by a hash of their names) for the accuracy (default 0.05).")
    Double validation;

    @Option(names = "--classes", split = ",", paramLabel = "ID,...",
            description = "Only these class ids, relabelled 0.. in this order: the subset a prior was trained on "
                    + "(its token file's --classes), so that eval-samples scores its samples against those classes only.")
    List<String> classes;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for data order, flips and initialisation (default 0).")
    Long seed;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = RunStart.OVERWRITE_HELP)
    boolean overwrite;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        RunStart.check(out, resume, overwrite);
        boolean[] fresh = {false};
        ClassifierTrainSpec spec = ClassifierTrainSpec.resolve(out, resume, () -> {
            fresh[0] = true;
            return newRun();
        }, new RunPlan.Overrides(steps, batch, lr, minLr, warmup, null));
        if (resume && !fresh[0]) {
            ResumeNotice.ignored(out, "data and model", new Object[][] {{"--data", data}, {"--resolution", resolution},
                    {"--width", width}, {"--validation", validation}, {"--seed", seed}, {"--classes", classes}});
        }
        RunStart.startOver(out, overwrite, data);
        Files.createDirectories(out);
        try (VqBridge bridge = engine.startBridge()) {
            ClassifierTrainSpec s = spec;
            Job<ClassifierTrainer.Summary> job = bridge.submit("train classifier",
                    ctx -> new ClassifierTrainer(s, out, ctx, events(ctx)).train(resume));
            job.subscribe(e -> {
                if (e instanceof JobEvent.Metrics m && m.values().containsKey("val/accuracy")) {
                    JobRunner.line("step " + m.step() + "  " + Format.metrics(m.values()));
                }
            });
            ClassifierTrainer.Summary summary = JobRunner.awaitSaving(job, engine.json);
            if (engine.json) {
                Format.json(summary);
            } else {
                System.out.println(summary);
            }
            return 0;
        }
    }

    /** A new run: the data and the model's settings on top of the defaults. */
    private ClassifierTrainSpec newRun() {
        if (data == null) {
            throw new IllegalArgumentException("--data is required for a new run");
        }
        ClassifierTrainSpec spec = ClassifierTrainSpec.defaults(data.toAbsolutePath().toString());
        spec = resolution == null ? spec : spec.withResolution(resolution);
        spec = width == null ? spec : spec.withWidth(width);
        spec = classes == null ? spec : spec.withClasses(classes);
        return spec.withValidation(validation == null ? spec.validationFraction() : validation,
                seed == null ? spec.seed() : seed);
    }

    /** The run's metrics and checkpoints as the job events the runner shows and a stop summarises. */
    private static TrainListener events(JobContext ctx) {
        return new TrainListener() {
            @Override
            public void metrics(long step, Map<String, Double> values) {
                ctx.emit(new JobEvent.Metrics(step, values));
            }

            @Override
            public void checkpointSaved(long step, Path checkpoint) {
                ctx.emit(new JobEvent.CheckpointSaved(step, checkpoint));
            }
        };
    }
}
