package io.vqstudio.bridge.taming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a taming checkpoint's config is found: model.yaml first, else taming's log layout, configs/<date>-project.yaml. */
class TamingYamlBesideTest {

    @TempDir
    Path run;

    @Test
    void theProjectYamlOfATrainingLogIsFoundAndModelYamlIsPreferred() throws Exception {
        Path ckpt = Files.createDirectories(run.resolve("checkpoints")).resolve("last.ckpt");
        Files.writeString(ckpt, "");
        Path configs = Files.createDirectories(run.resolve("configs"));
        assertThat(TamingYaml.findBeside(ckpt)).isNull();
        Files.writeString(configs.resolve("2021-04-03T19-39-50-lightning.yaml"), "");
        assertThat(TamingYaml.findBeside(ckpt)).isNull();
        Files.writeString(configs.resolve("2021-04-03T19-39-50-project.yaml"), "");
        assertThat(TamingYaml.findBeside(ckpt)).isEqualTo(configs.resolve("2021-04-03T19-39-50-project.yaml"));
        Files.writeString(configs.resolve("2021-04-05T10-00-00-project.yaml"), "");          // a resumed run's
        assertThat(TamingYaml.findBeside(ckpt)).isEqualTo(configs.resolve("2021-04-05T10-00-00-project.yaml"));
        Files.writeString(configs.resolve("model.yaml"), "");
        assertThat(TamingYaml.findBeside(ckpt)).isEqualTo(configs.resolve("model.yaml"));
    }
}
