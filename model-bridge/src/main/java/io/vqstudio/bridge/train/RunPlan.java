package io.vqstudio.bridge.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * How a training run's spec is put together, the one place the CLI's train commands and the
 * studio both go through, so the same inputs give the same run on either face.
 * <ul>
 * <li>A new run starts from the face's base spec (model or preset, data, seed, starting weights); a
 * resumed run from the spec it saved ({@code train.json}), or the base when it has none yet (the
 * trainer then says there is nothing to resume).</li>
 * <li>The schedule settings given ({@link Overrides}) replace the spec's, on a new run and a resumed
 * one alike; what is not given is kept.</li>
 * <li>Learning-rate floor: a peak given without a floor keeps the run's ratio of floor to peak
 * (half for a tokenizer, a fifth for a prior, with the default schedules).</li>
 * <li>Intervals given apply as given. Otherwise a new run given its length scales them to it (one not
 * given a length keeps the base's, which suit the base's length): a log line every
 * steps/200 (1 to 50), an evaluation every steps/20 (10 to 1000), a checkpoint and a preview every
 * steps/20 (10 to 500); evaluations take 512 images (1024 grids) when they come every 1000 steps, and
 * 64 (256) when they come more often. Long runs get the defaults, a short studio run a chart that
 * fills in. A resumed run keeps its intervals.</li>
 * </ul>
 */
public final class RunPlan<T> {

    /**
     * Schedule settings given for a run, null where not given.
     *
     * @param intervals log, eval, checkpoint, preview steps and eval images (tokenizer, 5 numbers), or
     *                  log, eval, checkpoint steps and eval grids (prior, 4 numbers)
     */
    public record Overrides(Long steps, Integer batchSize, Float lr, Float minLr, Integer warmup, int[] intervals) {

        /** Nothing given: the base spec, or the saved one, as it is. */
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);

        /** Only the length of the run and its batch size, as the studio's form gives them. */
        public static Overrides length(long steps, int batchSize) {
            return new Overrides(steps, batchSize, null, null, null, null);
        }
    }

    /** The base spec of a new run; may read files (the spec of a tokenizer a run starts from). */
    @FunctionalInterface
    public interface NewRun<T> {
        T spec() throws IOException;
    }

    private final Class<T> type;
    private final NewRun<T> base;
    private final Overrides given;
    private final BiFunction<T, Overrides, T> schedule; // the overrides but the intervals
    private final BiFunction<T, int[], T> intervals;
    private final int evalSamples; // per evaluation of a long run; a short run takes an eighth

    private RunPlan(Class<T> type, NewRun<T> base, Overrides given, BiFunction<T, Overrides, T> schedule,
                    BiFunction<T, int[], T> intervals, int evalSamples) {
        this.type = type;
        this.base = base;
        this.given = given;
        this.schedule = schedule;
        this.intervals = intervals;
        this.evalSamples = evalSamples;
    }

    /** A stage-1 run from {@code base} with the settings {@code given}. */
    public static RunPlan<TokenizerTrainSpec> tokenizer(NewRun<TokenizerTrainSpec> base, Overrides given) {
        return new RunPlan<>(TokenizerTrainSpec.class, base, given, (s, o) -> {
            s = s.withOptim(optim(s.optim(), o));
            s = o.steps() == null ? s : s.withSteps(o.steps());
            return o.batchSize() == null ? s : s.withBatchSize(o.batchSize());
        }, (s, i) -> s.withIntervals(i[0], i[1], i[2], i[3], i[4]), 512);
    }

    /** A stage-2 run from {@code base} with the settings {@code given}. */
    public static RunPlan<PriorTrainSpec> prior(NewRun<PriorTrainSpec> base, Overrides given) {
        return new RunPlan<>(PriorTrainSpec.class, base, given, (s, o) -> {
            s = s.withOptim(optim(s.optim(), o));
            s = o.steps() == null ? s : s.withSteps(o.steps());
            return o.batchSize() == null ? s : s.withBatchSize(o.batchSize());
        }, (s, i) -> s.withIntervals(i[0], i[1], i[2], i[3]), 1024);
    }

    /** The spec of a new run: the base with the settings given, its intervals scaled to a length given unless they are given too. */
    public T newRun() throws IOException {
        T spec = schedule.apply(base.spec(), given);
        if (given.intervals() != null) {
            return intervals.apply(spec, checked(given.intervals()));
        }
        if (given.steps() == null) {
            return spec; // the base's intervals, made for its own length
        }
        long steps = type == TokenizerTrainSpec.class ? ((TokenizerTrainSpec) spec).steps() : ((PriorTrainSpec) spec).steps();
        return intervals.apply(spec, scaled(steps));
    }

    /**
     * The spec a run in {@code runDir} trains with: with {@code resume}, its saved spec with the
     * settings given again (the base's when it saved none); else {@link #newRun()}.
     */
    public T resolve(Path runDir, boolean resume) throws IOException {
        T saved = resume ? RunDir.savedTrainSpec(runDir, type) : null;
        if (saved == null) {
            return newRun();
        }
        T spec = schedule.apply(saved, given);
        return given.intervals() == null ? spec : intervals.apply(spec, checked(given.intervals()));
    }

    /** The learning-rate rule: a peak given alone keeps the schedule's ratio of floor to peak. */
    static OptimSpec optim(OptimSpec optim, Overrides o) {
        if (o.lr() != null || o.minLr() != null) {
            float peak = o.lr() != null ? o.lr() : optim.lr();
            float floor = o.minLr() != null ? o.minLr() : (float) ((double) peak * optim.minLr() / optim.lr());
            optim = optim.withLr(peak, floor);
        }
        return o.warmup() == null ? optim : optim.withWarmup(o.warmup());
    }

    private int[] scaled(long steps) {
        int log = (int) Math.max(1, Math.min(50, steps / 200));
        int eval = (int) Math.max(10, Math.min(1000, steps / 20));
        int save = (int) Math.max(10, Math.min(500, steps / 20));
        int samples = eval >= 1000 ? evalSamples : evalSamples / 8;
        return type == TokenizerTrainSpec.class ? new int[] {log, eval, save, save, samples}
                : new int[] {log, eval, save, samples};
    }

    private int[] checked(int[] given) {
        int count = type == TokenizerTrainSpec.class ? 5 : 4;
        if (given.length != count) {
            throw new IllegalArgumentException("intervals take " + count + " numbers: " + (count == 5
                    ? "LOG,EVAL,CKPT,PREVIEW,EVAL_IMAGES" : "LOG,EVAL,CKPT,EVAL_GRIDS"));
        }
        return given;
    }
}
