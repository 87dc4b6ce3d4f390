package io.vqstudio.bridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.core.CancelledException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineThreadTest {

    private final EngineThread engine = new EngineThread(() -> "test-device");

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void finishedJobSendsStartedProgressFinishedAndCompletesTheFuture() throws Exception {
        Job<Integer> job = engine.submit("sum", ctx -> {
            ctx.progress(1, 2, "steps", "");
            ctx.progress(2, 2, "steps", "");
            return 42;
        });
        assertThat(job.result().get(10, TimeUnit.SECONDS)).isEqualTo(42);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        job.subscribe(events::add); // a late subscriber sees the whole history
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo(new JobEvent.Started("sum", "test-device"));
        assertThat(events.get(1)).isInstanceOf(JobEvent.Progress.class);
        assertThat(events.get(3)).isInstanceOf(JobEvent.Finished.class);
        assertThat(events.get(3).isTerminal()).isTrue();
    }

    @Test
    void cancelTakesEffectAtTheNextStepBoundary() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger steps = new AtomicInteger();
        Job<Integer> job = engine.submit("loop", ctx -> {
            for (int i = 0; i < 1_000_000; i++) {
                ctx.checkCancelled();
                steps.incrementAndGet();
                running.countDown();
                Thread.sleep(1);
            }
            return steps.get();
        });
        running.await(10, TimeUnit.SECONDS);
        job.cancel();
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancelledException.class);
        int stepsAtCancel = steps.get();
        Thread.sleep(20);
        assertThat(steps.get()).isEqualTo(stepsAtCancel).isLessThan(1_000_000);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        job.subscribe(events::add);
        assertThat(events.get(events.size() - 1)).isInstanceOf(JobEvent.Cancelled.class);
    }

    @Test
    void failureBecomesAFailedEventWithAUserMessageAndTheThreadSurvives() throws Exception {
        Job<Object> bad = engine.submit("bad", ctx -> {
            throw new IllegalArgumentException("The image is 0x0 pixels.");
        });
        assertThatThrownBy(() -> bad.result().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        bad.subscribe(events::add);
        JobEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(JobEvent.Failed.class);
        assertThat(((JobEvent.Failed) last).message()).isEqualTo("The image is 0x0 pixels.");
        assertThat(((JobEvent.Failed) last).detail()).contains("IllegalArgumentException");

        Job<Object> oom = engine.submit("oom", ctx -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertThatThrownBy(() -> oom.result().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);

        Job<String> next = engine.submit("next", ctx -> Thread.currentThread().getName());
        assertThat(next.result().get(10, TimeUnit.SECONDS)).isEqualTo("vq-engine");
    }

    @Test
    void jobsRunOneAtATimeInSubmissionOrderOnOneThread() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Job<?> a = engine.submit("a", ctx -> {
            Thread.sleep(30);
            order.add("a:" + Thread.currentThread().getName());
            return null;
        });
        Job<?> b = engine.submit("b", ctx -> order.add("b:" + Thread.currentThread().getName()));
        b.result().get(10, TimeUnit.SECONDS);
        a.result().get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("a:vq-engine", "b:vq-engine");
    }

    @Test
    void aThrowingListenerDoesNotBreakTheJob() throws Exception {
        Job<Integer> job = new Job<>("x");
        job.subscribe(e -> {
            throw new RuntimeException("listener bug");
        });
        List<JobEvent> seen = new CopyOnWriteArrayList<>();
        job.subscribe(seen::add);
        job.emit(new JobEvent.Finished("ok"));
        assertThat(seen).hasSize(1);
    }
}
