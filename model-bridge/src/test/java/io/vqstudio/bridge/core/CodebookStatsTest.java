package io.vqstudio.bridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CodebookStatsTest {

    @Test
    void usageDeadCodesAndPerplexityOfAKnownHistogram() {
        CodebookStats s = new CodebookStats(8);
        s.add(new long[] {0, 0, 0, 1});
        s.add(new int[] {1, 1, 5, 5});                                  // counts: 0:3, 1:3, 5:2, total 8
        assertThat(s.total()).isEqualTo(8);
        assertThat(s.usedCodes()).isEqualTo(3);
        assertThat(s.usage()).isEqualTo(3.0 / 8);
        assertThat(s.deadCodes()).isEqualTo(5);
        double h = -(2 * 0.375 * Math.log(0.375) + 0.25 * Math.log(0.25));
        assertThat(s.entropy()).isCloseTo(h, within(1e-12));
        assertThat(s.perplexity()).isCloseTo(Math.exp(h), within(1e-12));
        assertThat(s.counts()).containsExactly(3, 3, 0, 0, 0, 2, 0, 0);
    }

    @Test
    void perplexityIsTheCodebookSizeForUniformUseAndOneForASingleCode() {
        CodebookStats uniform = new CodebookStats(16);
        for (int i = 0; i < 16 * 5; i++) {
            uniform.add(new long[] {i % 16});
        }
        assertThat(uniform.perplexity()).isCloseTo(16.0, within(1e-9));
        assertThat(uniform.usage()).isEqualTo(1.0);
        CodebookStats collapsed = new CodebookStats(16);
        collapsed.add(new long[] {7, 7, 7});
        assertThat(collapsed.perplexity()).isEqualTo(1.0);
        assertThat(collapsed.deadCodes()).isEqualTo(15);
    }

    @Test
    void topCodesAreTheMostUsedFirstWithTheirShare() {
        CodebookStats s = new CodebookStats(5);
        s.add(new long[] {4, 4, 4, 2, 2, 0, 3});
        assertThat(s.topCodes(3)).containsExactly(
                new CodebookStats.CodeCount(4, 3, 3.0 / 7),
                new CodebookStats.CodeCount(2, 2, 2.0 / 7),
                new CodebookStats.CodeCount(0, 1, 1.0 / 7));
        assertThat(s.topCodes(10)).hasSize(5);
    }

    @Test
    void codesOutsideTheCodebookAreRejected() {
        CodebookStats s = new CodebookStats(4);
        assertThatThrownBy(() -> s.add(new long[] {4})).hasMessageContaining("code 4").hasMessageContaining("[0, 4)");
        assertThatThrownBy(() -> s.add(new long[] {-1})).hasMessageContaining("code -1");
    }
}
