package io.vqstudio.bridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.core.MalformedFileException;
import io.vqstudio.bridge.vit.ViTSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exceptions said in words: our own messages pass through, internal ones never stand alone. */
class UserMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void ourOwnMessagesPassThroughUnchanged() {
        assertThat(UserMessages.describe(new IllegalArgumentException("spec.json: encoder.width must be positive, found -3")))
                .isEqualTo("spec.json: encoder.width must be positive, found -3");
        assertThat(UserMessages.describe(new CompletionException(new IOException("tokens.vqt is truncated at grid 12"))))
                .isEqualTo("tokens.vqt is truncated at grid 12");
    }

    @Test
    void aMissingFileShowsItsPath() {
        assertThat(UserMessages.describe(new NoSuchFileException("/data/cats/001.png")))
                .isEqualTo("File not found: /data/cats/001.png");
    }

    @Test
    void gsonFailuresReadingAFileNameTheFileAndSayWhatWasExpected() throws Exception {
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, "{\"layers\": 2, \"width\": \"wide\", \"heads\": 4, \"mlpDim\": 8}");
        IOException notANumber = readViT(spec);
        assertThat(UserMessages.describe(notANumber)).isEqualTo(spec + ": expected a number, found \"wide\"");

        Files.writeString(spec, "{\"layers\": 2, \"width\": 64, \"heads\": 4, \"mlpDim\": -8}");
        // The record's own check, not Gson's "Failed to invoke constructor 'ViTSize(int, int, int, int)'".
        assertThat(UserMessages.describe(readViT(spec))).isEqualTo(spec + ": mlpDim = -8 is out of range (1..65536)");

        Files.writeString(spec, "{\"layers\": 2, ");
        assertThat(UserMessages.describe(readViT(spec))).startsWith(spec + " is not valid JSON: ")
                .doesNotContain("Exception");
    }

    private static IOException readViT(Path file) {
        try {
            Json.read(file, ViTSize.class);
            throw new AssertionError("read " + file);
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void aWrapperWhoseMessageEndsWithItsCauseSaysTheCauseInWords() {
        NumberFormatException nfe = new NumberFormatException("For input string: \"x\"");
        RuntimeException gson = new com.google.gson.JsonSyntaxException(nfe);
        IOException wrapped = new IOException("run/spec.json has an invalid tokenizer spec: " + gson.getMessage(), gson);
        assertThat(UserMessages.describe(wrapped)).isEqualTo("run/spec.json has an invalid tokenizer spec: expected a number, found \"x\"");
    }

    @Test
    void anInternalExceptionIsNeverTheWholeMessage() {
        NullPointerException npe = new NullPointerException("Cannot load from long array because \"off\" is null");
        String alone = UserMessages.describe(npe);
        assertThat(alone).startsWith("unexpected NullPointerException (").contains("--verbose");
        // With what the caller was reading, or from a reader that knows its file, the file comes first.
        assertThat(UserMessages.describe(npe, "--model runs/a")).startsWith("--model runs/a: unexpected NullPointerException");
        assertThat(UserMessages.describe(MalformedFileException.of(Path.of("runs/a/model.safetensors"), npe)))
                .startsWith("runs/a/model.safetensors: unexpected NullPointerException");
        assertThat(UserMessages.describe(new ArithmeticException("/ by zero"), "--tokens t.vqt"))
                .startsWith("--tokens t.vqt: unexpected ArithmeticException");
        // A message of ours is not prefixed with the context: it already says what it means.
        assertThat(UserMessages.describe(new IllegalArgumentException("--n must be at least 1"), "--model runs/a"))
                .isEqualTo("--n must be at least 1");
    }

    @Test
    void aReaderFailureThatAlreadyNamesTheFileIsKept() {
        Path f = Path.of("runs/a/spec.json");
        IOException own = new IOException(f + " has no field 'spec'");
        assertThat(MalformedFileException.of(f, own)).isSameAs(own);
        assertThat(UserMessages.describe(MalformedFileException.of(f, new IllegalArgumentException(f + ": width must be > 0"))))
                .isEqualTo(f + ": width must be > 0");
    }
}
