package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TrainSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-prior}: an AR (VIM) or MaskGIT prior on a token file. */
@Command(name = "train-prior", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a prior (ar = the paper's VIM, maskgit) on a token file from 'tokenize' into a run "
                + "directory. Ctrl-C saves a checkpoint; --resume continues; a new run refuses a folder that holds a run "
                + "unless --overwrite. A resumed run keeps its saved settings "
                + "(train.json) except the schedule flags given again: --steps, --batch, --lr, --min-lr, --warmup, --label-dropout, "
                + "--intervals; --tokens, --kind, --preset and --init-from are ignored.")
final class TrainPriorCommand implements Callable<Integer> {

    @Option(names = "--tokens", paramLabel = "FILE", description = "Token file.")
    Path tokens;

    @Option(names = "--kind", converter = Checks.Kind.class, defaultValue = "ar", paramLabel = "ar|maskgit", description = "Prior kind. Default: ${DEFAULT-VALUE}")
    String kind;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "vim-base, vim-large (paper), ar-cpu / maskgit-cpu, ar-tiny / maskgit-tiny. Default: <kind>-cpu")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory.")
    Path out;

    @Option(names = "--steps", converter = Checks.PositiveLong.class, paramLabel = "N", description = "Total steps (default 20000).")
    Long steps;

    @Option(names = "--batch", converter = Checks.PositiveInt.class, paramLabel = "B", description = "Batch size (default 32).")
    Integer batch;

    @Option(names = "--lr", converter = Checks.PositiveFloat.class, paramLabel = "LR", description = "Peak learning rate (default 5e-4, cosine decay to 1e-4; a peak given alone keeps that ratio).")
    Float lr;

    @Option(names = "--min-lr", converter = Checks.PositiveFloat.class, paramLabel = "LR",
            description = "Learning rate at the end of the cosine decay (default: the run's ratio to the peak, a fifth by default).")
    Float minLr;

    @Option(names = "--warmup", converter = Checks.NonNegativeInt.class, paramLabel = "N", description = "Linear warm-up steps (default 500).")
    Integer warmup;

    @Option(names = "--label-dropout", converter = Checks.Probability.class, paramLabel = "P", description = "Class dropped to 'no class' at this rate (default 0.1).")
    Float labelDropout;

    @Option(names = "--init-from", paramLabel = "PRIOR",
            description = "Start a new run from the weights of this prior checkpoint (same preset, grid, codes and "
                    + "classes), e.g. to carry a prior over to a retrained tokenizer's codes; the schedule starts again.")
    Path initFrom;

    @Option(names = "--intervals", converter = Checks.NonNegativeInt.class, paramLabel = "LOG,EVAL,CKPT,EVAL_GRIDS", split = ",",
            description = "Steps between log lines, evaluations, checkpoints; grids per evaluation (default: scaled to --steps, "
                    + "50,1000,500,1024 for runs of 20000 steps or more).")
    int[] intervals;

    @Option(names = "--resume", description = "Continue the run in RUN_DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--overwrite", description = RunStart.OVERWRITE_HELP)
    boolean overwrite;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Checks.intervals(command, intervals, "LOG,EVAL,CKPT,EVAL_GRIDS");
        RunStart.check(out, resume, overwrite);
        boolean[] fresh = {false};
        PriorTrainSpec spec = RunPlan.prior(() -> {
            fresh[0] = true;
            if (tokens == null) {
                throw new IllegalArgumentException("--tokens is required for a new run");
            }
            PriorKind k = PriorKind.valueOf(kind.toUpperCase(Locale.ROOT));
            PriorTrainSpec base = PriorTrainSpec.defaults(tokens.toAbsolutePath().toString(), k,
                    preset != null ? preset : kind.toLowerCase(Locale.ROOT) + "-cpu");
            return initFrom == null ? base : base.withInitFrom(initFrom.toAbsolutePath().toString());
        }, new RunPlan.Overrides(steps, batch, lr, minLr, warmup, intervals)).resolve(out, resume);
        if (resume && !fresh[0]) {
            ResumeNotice.ignored(out, "tokens and model", // a repeated command line
                    new Object[][] {{"--tokens", tokens}, {"--preset", preset}, {"--init-from", initFrom}});
        }
        if (labelDropout != null) {
            spec = spec.withLabelDropout(labelDropout);
        }
        RunStart.startOver(out, overwrite, tokens, initFrom);
        Files.createDirectories(out);
        try (VqBridge bridge = engine.startBridge()) {
            Job<TrainSummary> job = bridge.trainPrior(spec, out, resume);
            job.subscribe(e -> {
                if (e instanceof JobEvent.Metrics m && m.values().containsKey("val/bits_per_token")) {
                    JobRunner.line("step " + m.step() + "  " + Format.metrics(m.values()));
                }
            });
            TrainSummary s = JobRunner.awaitSaving(job, engine.json);
            if (engine.json) {
                Format.json(s);
            } else {
                System.out.println(s);
            }
            return 0;
        }
    }
}
