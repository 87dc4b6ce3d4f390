package io.vqstudio.bridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.TestBridge;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.io.DefaultModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sample stops within a row of its cancel: the studio's Cancel frees the engine thread instead of
 * leaving it busy until the last row (the embedded AR prior, 16 rows of 16 cells).
 */
class SampleCancelTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @Test
    void aCancelledSampleStopsAtTheNextRow() throws Exception {
        engine.bridge().openTokenizer(DefaultModels.tokenizer().orElseThrow()).result().get(60, TimeUnit.SECONDS);
        engine.bridge().openPrior(DefaultModels.prior(PriorKind.AR).orElseThrow()).result().get(60, TimeUnit.SECONDS);
        Job<?> job = engine.bridge().sample(PriorKind.AR, 3, 2, SamplingSpec.defaults().withCfgScale(2f));
        List<Long> rows = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable sub = job.subscribe(e -> {
            if (e instanceof JobEvent.Progress p) {
                rows.add(p.done());
                job.cancel();
            }
        })) {
            assertThatThrownBy(() -> job.result().get(120, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(io.vqstudio.bridge.core.CancelledException.class);
        }
        assertThat(rows).isNotEmpty().allMatch(done -> done <= 2 * 16); // 256 cells: stopped within a row of the first report
    }
}
