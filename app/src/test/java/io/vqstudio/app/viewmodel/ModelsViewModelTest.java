package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void priorsNeedTheirOwnTokenizer() {
        Fixture f = new Fixture(dir);
        f.vm.models().open(dir.resolve("prior-ar"));
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get()).isNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.startsWith("Open a tokenizer before a prior"));

        f.withTokenizer().withPriors();
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get().name()).isEqualTo("fake-vim");
        assertThat(f.vm.models().priorProperty(PriorKind.MASKGIT).get().name()).isEqualTo("fake-maskgit");

        f.vm.models().open(dir.resolve("prior-other-ar"));
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("was made for the tokenizer tok-other")
                && t.contains("open its own tokenizer first"));
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get().name()).isEqualTo("fake-vim");
    }

    @Test
    void aBrokenCheckpointIsAClearMessage() {
        Fixture f = new Fixture(dir);
        f.vm.models().open(dir.resolve("broken"));
        assertThat(f.vm.models().tokenizerProperty().get()).isNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("Cannot open") && t.contains("spec.json"));
    }

    @Test
    void defaultModelsAreFoundUnderAssets() throws Exception {
        Path assets = dir.resolve("assets");
        for (String m : new String[] {"tokenizer", "prior-ar", "prior-maskgit"}) {
            Files.createDirectories(assets.resolve("models").resolve(m));
            Files.writeString(assets.resolve("models").resolve(m).resolve("spec.json"), "{}");
        }
        Fixture f = new Fixture(dir);
        assertThat(f.vm.models().openDefaults(assets)).isTrue();
        assertThat(f.vm.models().tokenizerProperty().get()).isNotNull();
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get()).isNotNull();
        assertThat(f.vm.models().priorProperty(PriorKind.MASKGIT).get()).isNotNull();

        assertThat(new Fixture(dir.resolve("x")).vm.models().openDefaults(dir.resolve("nowhere"))).isFalse();
    }
}
