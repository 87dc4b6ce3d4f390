package io.vqstudio.bridge.llamagen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the LlamaGen importer refuses, each in one line naming the file and the field or weight. */
class LlamaGenImportRefusalsTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void specFieldsOutOfBoundsAreNamed() {
        assertThatThrownBy(() -> new LlamaGenVqSpec("m", 256, 128, List.of(1, 1, 2, 2, 4), List.of(1, 2, 2, 4), 2, 256, 16384, 8))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("decoderChMult.length = 4 differs from encoderChMult's 5");
        assertThatThrownBy(() -> new LlamaGenVqSpec("m", 256, 128, List.of(1, 1), List.of(1, 1), 2, 256, 16384, 0))
                .hasMessageStartingWith("codebookEmbedDim = 0 is out of range");
        assertThatThrownBy(() -> new LlamaGenVqSpec("m", 320, 128, List.of(1, 1, 2, 2, 4, 4, 4, 4), List.of(1, 1, 2, 2, 4, 4, 4, 4),
                2, 256, 16384, 8)).hasMessageStartingWith("resolution = 320 is not a multiple of the down-sampling factor 128");
    }

    @Test
    void weightsThatDoNotFitTheSpecAreListedWithTheirShapes() throws Exception {
        StateDict sd = TorchFile.read(Npy.resource("llamagen-vq/vq_ds2_c2i.pt")).stateDict();
        LlamaGenVqSpec wider = new LlamaGenVqSpec("x", 32, 32, List.of(1, 1), List.of(1, 2), 2, 16, 256, 8);
        assertThatThrownBy(() -> LlamaGenVqTokenizer.load(sd, wider, ENGINE.manager()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("vq_ds2_c2i.pt: does not fit the LlamaGen VQ its spec describes: ")
                .hasMessageContaining("wrong shape").hasMessageContaining("decoder.conv_in.weight is [32, 16, 3, 3] in the file,"
                        + " [64, 16, 3, 3] in the model").hasMessageNotContaining("\n");
    }

    @Test
    void aTamingFileIsNotTakenForALlamaGenOne() throws Exception {
        StateDict taming = TorchFile.read(Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt")).stateDict();
        assertThatThrownBy(() -> LlamaGenVqSpec.infer(taming)).isInstanceOf(ImportException.class)
                .hasMessage("last-legacy.ckpt: has no weight 'encoder.conv_blocks.0.res.0.conv1.weight'; it is not a LlamaGen VQ"
                        + " of the layout this importer reads");
    }
}
