package io.vqstudio.bridge;

import io.vqstudio.bridge.io.TokenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The small token file the prior and command-line tests train on. */
public final class TestTokenFiles {

    private TestTokenFiles() {}

    /** Four fixed 4x4 grids of 64 codes, two per class, each written 6 times to train and twice to validation. */
    public static Path tokenFile(Path file) throws IOException {
        return tokenFile(file, "tok-id", List.of("A", "B"));
    }

    /** The same grids, as if made by the tokenizer {@code tokenizerId}, with these class names. */
    public static Path tokenFile(Path file, String tokenizerId, List<String> classNames) throws IOException {
        TokenFile.Header h = TokenFile.Header.create(tokenizerId, "test", 4, 64, List.of("a", "b"), classNames,
                "generated", 0.25);
        try (TokenFile.Writer w = TokenFile.Writer.openOrResume(file, h)) {
            for (int copy = 0; copy < 8; copy++) {
                for (int g = 0; g < 4; g++) {
                    long[] codes = new long[16];
                    for (int i = 0; i < 16; i++) {
                        codes[i] = (g * 16 + i * (g + 1)) % 64;
                    }
                    w.append(new byte[] {(byte) (copy < 6 ? 0 : 1)}, new int[] {g % 2}, codes, copy * 4L + g + 1);
                }
            }
            w.finish();
        }
        return file;
    }
}
