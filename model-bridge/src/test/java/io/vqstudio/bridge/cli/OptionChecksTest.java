package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Out-of-range numbers are usage errors before any engine starts: exit code 2 and one line naming
 * the option (plus a hint), never the whole usage text. Model paths point nowhere, so a value let
 * through fails differently (exit 1) instead of sampling or training.
 */
class OptionChecksTest {

    private static final String NONE = "/nonexistent/vq";

    private static Arguments bad(String option, String message, String... args) {
        return Arguments.of(option, message, args);
    }

    private static String[] sample(String... extra) {
        return Stream.concat(Stream.of("sample", "--tokenizer", NONE, "--prior", NONE, "--out", NONE), Stream.of(extra))
                .toArray(String[]::new);
    }

    private static String[] resample(String... extra) {
        return Stream.concat(Stream.of("resample", "--tokenizer", NONE, "--prior", NONE, "--image", NONE + ".png",
                "--out", NONE), Stream.of(extra)).toArray(String[]::new);
    }

    static Stream<Arguments> badValues() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Stream.of(
                bad("--cfg", "0 or more", sample("--cfg", "NaN")),
                bad("--cfg", "0 or more", sample("--cfg", "-1")),
                bad("--temperature", "above 0", sample("--temperature", "0")),
                bad("--temperature", "above 0", sample("--temperature", "Infinity")),
                bad("--top-p", "at most 1", sample("--top-p", "1.5")),
                bad("--top-p", "above 0", sample("--top-p", "0")),
                bad("--top-k", "0 or more", sample("--top-k", "-1")),
                bad("--n", "1 to 256", sample("--n", "0")),
                bad("--n", "1 to 256", sample("--n", "-1")),
                bad("--n", "1 to 256", resample("--suffix-from", "0", "--n", "100000")),
                bad("--steps", "1 or more", sample("--steps", "0")),
                bad("--threads", "has " + cores + " cores", sample("--threads", "1000")),
                bad("--threads", "1 to", sample("--threads", "0")),
                bad("--device", "auto, cpu or gpu", sample("--device", "tpu")),
                bad("--region", "X0 <= X1", resample("--region", "5,0,2,3")),
                bad("--region", "0 or more", resample("--region", "-1,0,2,3")),
                bad("--lr", "above 0", "train-prior", "--out", NONE, "--lr", "-1"),
                bad("--lr", "above 0", "train-prior", "--out", NONE, "--lr", "NaN"),
                bad("--lr", "not a number", "train-prior", "--out", NONE, "--lr", "fast"),
                bad("--kind", "ar or maskgit", "train-prior", "--out", NONE, "--kind", "foo"),
                bad("--label-dropout", "0 to 1", "train-prior", "--out", NONE, "--label-dropout", "1.5"),
                bad("--intervals", "LOG is 0", "train-prior", "--out", NONE, "--intervals", "0,0,0,0"),
                bad("--intervals", "expected 4 numbers", "train-prior", "--out", NONE, "--intervals", "5,5"),
                bad("--intervals", "LOG is 0", "train-tokenizer", "--out", NONE, "--intervals", "0,0,0,0,0"),
                bad("--time-limit", "above 0", "train-tokenizer", "--out", NONE, "--time-limit", "-1"),
                bad("--min-lr", "above 0", "train-tokenizer", "--out", NONE, "--min-lr", "0"),
                bad("--loss-weights", "0 or more", "train-tokenizer", "--out", NONE, "--loss-weights", "1,NaN,0,0"),
                bad("--warmup", "0 or more", "train-tokenizer", "--out", NONE, "--warmup", "-1"),
                bad("--steps", "1 or more", "train-tokenizer", "--out", NONE, "--steps", "0"),
                bad("--batch", "1 or more", "train-tokenizer", "--out", NONE, "--batch", "0"),
                bad("--codebook-size", "65536", "train-tokenizer", "--out", NONE, "--codebook-size", "100000"),
                bad("--limit", "0 or more", "eval-prior", "--prior", NONE, "--tokens", NONE, "--limit", "-1"),
                bad("--validation", "not including", "tokenize", "--model", NONE, "--data", NONE, "--out", NONE,
                        "--validation", "1"),
                bad("--validation", "above 0 up to 1", "eval-tokenizer", "--model", NONE, "--data", NONE,
                        "--validation", "0"),
                bad("--validation", "above 0 up to 1", "eval-tokenizer", "--model", NONE, "--data", NONE,
                        "--validation", "1.5"));
    }

    @org.junit.jupiter.api.Test
    void anEvaluationTakesEveryImageOfASeparateTestSet() {
        assertThat(new Checks.EvalFraction().convert("1")).isEqualTo(1.0);
        assertThat(new Checks.EvalFraction().convert("0.05")).isEqualTo(0.05);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badValues")
    void anOutOfRangeValueIsAOneLineUsageError(String option, String message, String[] args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(code).as(String.join(" ", args) + "\n" + buf).isEqualTo(2);
        assertThat(lines).as("one line and a hint").hasSize(2);
        assertThat(lines.get(0)).startsWith("error: ").contains(option).contains(message);
        assertThat(lines.get(1)).contains("--help");
    }
}
