package io.vqstudio.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardTextTest {

    @Test
    void joinsHandWrappedLinesOfParagraphsAndListItems() {
        String card = "# Title\n\nTrained on a CPU\nwith our CLI.\n\n- Data: 20 classes,\n  500 images each.\n- Weights: 21 MB.\n";
        assertThat(CardText.reflow(card)).isEqualTo(
                "# Title\n\nTrained on a CPU with our CLI.\n\n- Data: 20 classes, 500 images each.\n- Weights: 21 MB.");
    }

    @Test
    void keepsHeadingsTablesAndCodeAsWritten() {
        String card = "# Head\nnext line\n| a | b |\n|---|---|\n```\ncode\n  indented\n```\nafter";
        assertThat(CardText.reflow(card)).isEqualTo("# Head\nnext line\n| a | b |\n|---|---|\n```\ncode\n  indented\n```\nafter");
    }
}
