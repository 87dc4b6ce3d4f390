package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Priors of other projects on the Sample page and in the Resample panel: ImageNet's 1,000 classes,
 * LlamaGen's GPT (null class: unconditional and guided) and taming's transformer (no null class: a class
 * is required and guidance is held at 1), over the fake service.
 */
class ClassConditionalViewModelsTest {

    @TempDir
    Path dir;

    private Fixture studio() throws Exception {
        Fixture f = new Fixture(dir);
        f.vm.models().open(Files.createDirectories(dir.resolve("tokenizer")));
        return f;
    }

    @Test
    void aThousandClassesAreSearchableByNameOrIdAndShownWithTheirId() throws Exception {
        Fixture f = studio();
        f.vm.models().open(dir.resolve("c2i_B_256.pt"));
        SampleViewModel s = f.vm.sample();
        s.form().kindProperty().set(PriorKind.AR);
        assertThat(s.classes()).hasSize(1000);
        assertThat(s.classes().get(207)).hasToString("207 golden retriever");

        s.searchProperty().set("Retriever");
        assertThat(s.classes()).extracting(Object::toString).contains("207 golden retriever", "208 Labrador retriever")
                .allMatch(t -> t.toLowerCase().contains("retriever"));
        s.searchProperty().set("207");
        assertThat(s.classes()).extracting(ClassChoice.ClassEntry::id).containsExactly(207);
        s.classIdProperty().set(207);
        s.searchProperty().set("");
        assertThat(s.classIdProperty().get()).isEqualTo(207);
        assertThat(s.classChoice().describe()).isEqualTo("class 207 golden retriever");

        s.form().countProperty().set(2);
        s.run();
        assertThat(f.vm.runner().notices()).isNotEmpty();
        ImageDocument doc = s.openInEditor(s.gallery().get(1));
        assertThat(doc.name()).isEqualTo("sample 1 of class 207 golden retriever");
    }

    @Test
    void aPriorWithoutNullClassNeedsAClassBeforeResamplingAndIsNeverGuided() throws Exception {
        Fixture f = studio();
        ImageDocument doc = f.open("a.png");
        f.vm.models().open(dir.resolve("cin_transformer.ckpt"));
        ResampleViewModel rs = f.vm.resample();
        rs.form().kindProperty().set(PriorKind.AR);
        rs.form().guidanceProperty().set(3.0);
        ClassChoice c = rs.classChoice();
        assertThat(c.classes()).hasSize(1000);
        assertThat(c.unconditionalProperty().get()).isFalse();
        assertThat(rs.form().guidanceAllowedProperty().get()).isFalse();
        assertThat(rs.form().guidanceProperty().get()).isEqualTo(1.0);
        assertThat(rs.form().toSpec().cfgScale()).isEqualTo(1f);

        f.vm.editor().selectRect(0, 0, 1, 1, false);
        rs.run();
        assertThat(c.missingProperty().get()).isEqualTo("Pick a class first: the taming transformer cin_transformer "
                + "has no unconditional mode, it always draws a class");
        assertThat(f.noticeTexts()).contains(c.missingProperty().get());
        assertThat(f.service.resampleCalls).isZero(); // explained, not sent to fail in the engine

        c.classIdProperty().set(980);
        assertThat(c.missingProperty().get()).isEmpty();
        rs.form().countProperty().set(2);
        rs.run();
        assertThat(f.service.lastResampleClass).isEqualTo(980);
        assertThat(rs.candidates()).hasSize(2);
        rs.accept();
        assertThat(doc.grid()).isNotEqualTo(doc.encodedProperty().get());

        // LlamaGen's GPT has a null class: unconditional again, and the scale chosen before comes back;
        // the same 1,000 ImageNet classes keep the choice.
        f.vm.models().open(dir.resolve("c2i_L_256.pt"));
        assertThat(c.unconditionalProperty().get()).isTrue();
        assertThat(c.classIdProperty().get()).isEqualTo(980);
        c.classIdProperty().set(-1);
        assertThat(rs.form().guidanceProperty().get()).isEqualTo(3.0);
        assertThat(rs.form().toSpec().cfgScale()).isEqualTo(3f);
        f.vm.editor().selectRect(2, 2, 3, 3, false);
        rs.run();
        assertThat(f.service.lastResampleClass).isEqualTo(-1);
    }

    @Test
    void theSamplePageHoldsGuidanceAtOneAndAsksForAClassForATamingTransformer() throws Exception {
        Fixture f = studio();
        f.vm.models().open(dir.resolve("cin_transformer.ckpt"));
        SampleViewModel s = f.vm.sample();
        s.form().kindProperty().set(PriorKind.AR);
        assertThat(s.form().guidanceAllowedProperty().get()).isFalse();
        assertThat(s.form().toSpec().cfgScale()).isEqualTo(1f);
        s.run();
        assertThat(s.gallery()).isEmpty();
        assertThat(f.noticeTexts()).anyMatch(t -> t.startsWith("Pick a class first"));

        s.classIdProperty().set(1);
        s.run();
        assertThat(s.gallery()).hasSize(8).allMatch(i -> i.gridProperty().get() != null);
        assertThat(s.statusProperty().get()).isEqualTo("8 samples of class 1 goldfish");

        f.vm.models().open(dir.resolve("prior-ar")); // ours: 10 classes, a null class, the page's 2.0 back
        assertThat(s.form().guidanceAllowedProperty().get()).isTrue();
        assertThat(s.form().toSpec().cfgScale()).isEqualTo(2f);
    }
}
