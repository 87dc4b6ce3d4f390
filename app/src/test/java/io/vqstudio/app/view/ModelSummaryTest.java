package io.vqstudio.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Models page's card says about a prior of each family. */
class ModelSummaryTest {

    private static final TokenizerInfo VQ16 = new TokenizerInfo("vq_ds16_c2i", "llamagen-vq", false, "tok-16", Path.of("t"),
            "{}", "", 16, 16384, 256, 72_000_000, 0, "vq_ds16_c2i.pt (287.9 MB) from LlamaGen");

    private static PriorInfo prior(String family, PriorKind kind, long parameters, int classes, boolean nullClass,
                                   String source, long step) {
        return new PriorInfo("p", family, kind, "prior-1", "tok-16", Path.of("p"), "{}", "", 16, 16384,
                Collections.nCopies(classes, "c"), parameters, step, nullClass, source);
    }

    @Test
    void anImportedPriorSaysItsFamilySizeGridTokenizerAndSource() {
        String s = ModelSummary.of(prior("llamagen-gpt", PriorKind.AR, 111_302_656, 1000, true,
                "c2i_B_256.pt (444.6 MB, sha256 ab12...) from LlamaGen", 0), VQ16);
        assertThat(s.lines().toList()).containsExactly("p", "family LlamaGen GPT (imported: inference only)",
                "111.3 M parameters", "16x16 tokens, K = 16,384, 1,000 classes (and unconditional, guidance)",
                "tokenizer vq_ds16_c2i (tok-16)", "source c2i_B_256.pt (444.6 MB, sha256 ab12...) from LlamaGen",
                "id prior-1");
    }

    @Test
    void eachFamilyHasItsHumanTitle() {
        assertThat(ModelSummary.of(prior("transformer", PriorKind.AR, 10_600_000, 10, true, "", 2000), VQ16))
                .contains("family VIM (AR)\n10.6 M parameters, step 2000").contains("source trained with VQ Studio");
        assertThat(ModelSummary.of(prior("transformer", PriorKind.MASKGIT, 5_000, 0, true, "", 1), null))
                .contains("family MaskGIT\n5,000 parameters").contains(", unconditional\n")
                .contains("tokenizer tok-16 (not open)");
        assertThat(ModelSummary.of(prior("taming-gpt", PriorKind.AR, 1_405_000_000, 1000, false, "x", 0), VQ16))
                .contains("family taming transformer (imported: inference only)\n1.41 B parameters")
                .contains("1,000 classes (always a class: no unconditional samples, no guidance)");
        assertThat(List.of(ModelSummary.size(999_999), ModelSummary.size(1_000_000))).containsExactly("999,999", "1.0 M");
    }
}
