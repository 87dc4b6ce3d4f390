package io.vqstudio.bridge.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.core.PriorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry is the one list of families: every spec record is in it, and specs go through JSON by their family. */
class FamiliesTest {

    /**
     * Stands in for {@code sealed ... permits}, which Java allows across packages only inside a named
     * module: every record implementing {@link TokenizerSpec} in the engine's classes is registered.
     */
    @Test
    void everyTokenizerSpecRecordIsRegistered() throws Exception {
        List<Class<?>> records = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vqstudio.bridge").stream()
                .filter(c -> c.isRecord() && c.isAssignableTo(TokenizerSpec.class))
                .<Class<?>>map(com.tngtech.archunit.core.domain.JavaClass::reflect).toList();
        List<Class<?>> registered = Families.TOKENIZERS.stream().<Class<?>>map(TokenizerFamily::specType).toList();
        assertThat(records).hasSizeGreaterThanOrEqualTo(6).allMatch(registered::contains,
                "registered in Families.TOKENIZERS");
        assertThat(Families.TOKENIZERS.stream().map(TokenizerFamily::name).distinct()).hasSize(Families.TOKENIZERS.size());
    }

    @Test
    void everyPresetRoundTripsThroughJsonAsItsOwnRecordWithItsFamily() {
        for (TrainableTokenizerSpec spec : Families.tokenizerPresets().values()) {
            JsonObject json = Json.GSON.toJsonTree(spec).getAsJsonObject();
            assertThat(json.get("family").getAsString()).isEqualTo(spec.family());
            assertThat(SpecJson.read(json, TokenizerSpec.class)).isEqualTo(spec);
            assertThat(Json.GSON.fromJson(Json.GSON.toJson(spec, TrainableTokenizerSpec.class), TrainableTokenizerSpec.class))
                    .isEqualTo(spec);
        }
        TamingVqganSpec taming = TamingVqganSpec.imagenetF16x1024();
        assertThat(SpecJson.read(Json.GSON.toJsonTree(taming), TokenizerSpec.class)).isEqualTo(taming);
        PriorSpec prior = PriorSpec.preset(PriorKind.AR, "ar-tiny");
        assertThat(Json.GSON.toJsonTree(prior).getAsJsonObject().get("family").getAsString()).isEqualTo(Families.PRIOR.name());
        assertThat(SpecJson.read(Json.GSON.toJsonTree(prior), PriorSpec.class)).isEqualTo(prior);
    }

    @Test
    void anUnknownOrMissingFamilyIsOneLineNamingTheField() {
        JsonObject json = Json.GSON.toJsonTree(Families.tokenizerPreset("vit-tiny")).getAsJsonObject();
        json.addProperty("family", "gan-of-the-week");
        assertThatThrownBy(() -> SpecJson.read(json, TokenizerSpec.class)).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("family = 'gan-of-the-week' is unknown; known families: vit-vqgan, cnn-vqgan");
        json.remove("family");
        assertThatThrownBy(() -> SpecJson.read(json, TokenizerSpec.class)).isInstanceOf(SpecException.class)
                .hasMessageStartingWith("family is missing; known families:");
    }

    @Test
    void anImportedFamilyIsRefusedWhereATrainableSpecIsNeeded() {
        JsonObject json = Json.GSON.toJsonTree(TamingVqganSpec.imagenetF16x1024()).getAsJsonObject();
        assertThatThrownBy(() -> SpecJson.read(json, TrainableTokenizerSpec.class)).isInstanceOf(SpecException.class)
                .hasMessageContaining("taming VQGAN").hasMessageContaining("only the families trained here");
    }
}
