package io.vqstudio.bridge.torchsave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files end in one {@link TorchFileException} of one line naming the file, never another
 * Throwable, a hang or a wrong value: flipped bytes, truncation at every offset, missing and short
 * storages, tensors past their storage, pathological nesting.
 */
class DamagedFilesTest {

    @TempDir
    Path tmp;

    private Path smallZip() throws Exception {
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", PickleBytes.floats(1, 2, 3, 4));
        storages.put("1", PickleBytes.floats(5, 6, 7, 8));
        return PickleBytes.zip(tmp.resolve("small.pt"), "small", PickleBytes.stateDict("w", "b").bytes(), storages, "little");
    }

    private static List<float[]> values(Path file) throws Exception {
        StateDict sd = TorchFile.read(file).stateDict();
        return List.of(sd.tensor("w").toFloats(), sd.tensor("b").toFloats());
    }

    @Test
    void everyFlippedByteOfAZipIsRefusedOrLeavesEveryValueAsItWas() throws Exception {
        Path good = smallZip();
        byte[] bytes = Files.readAllBytes(good);
        List<float[]> expected = values(good);
        Path bad = tmp.resolve("flipped.pt");
        int refused = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] b = bytes.clone();
            b[i] ^= 0x55;
            Files.write(bad, b);
            try {
                List<float[]> v = values(bad);
                // only bytes no reader uses (zip timestamps, versions, attributes) may flip unseen
                assertThat(v.get(0)).as("byte " + i).containsExactly(expected.get(0));
                assertThat(v.get(1)).as("byte " + i).containsExactly(expected.get(1));
            } catch (TorchFileException e) {
                assertThat(e.getMessage()).startsWith("flipped.pt: ").doesNotContain("\n").doesNotContain("malformed (");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(bytes.length / 2); // every name, length, pickle and data byte
    }

    @Test
    void everyTruncationOfAZipAndOfALegacyFileIsRefused() throws Exception {
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", PickleBytes.floats(1, 2, 3, 4));
        storages.put("1", PickleBytes.floats(5, 6, 7, 8));
        byte[] legacyPickle = PickleBytes.proto2().op('}').str("w").global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(4).op('N', 't', 'Q')
                .integer(0).ints(4).ints(1).op(0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R', 's', '.').bytes();
        Path legacy = PickleBytes.legacy(tmp.resolve("legacy.pt"), PickleBytes.sysInfo(), legacyPickle,
                Map.of("0", PickleBytes.floats(1, 2, 3, 4)), 4);
        assertThat(TorchFile.read(legacy).stateDict().tensor("w").toFloats()).containsExactly(1, 2, 3, 4);
        for (Path good : new Path[] {smallZip(), legacy}) {
            byte[] bytes = Files.readAllBytes(good);
            Path cut = tmp.resolve("cut.pt");
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int n = 0; n < bytes.length; n++) {
                    Files.write(cut, Arrays.copyOf(bytes, n));
                    int at = n;
                    assertThatThrownBy(() -> TorchFile.read(cut)).as("cut at " + at)
                            .isInstanceOf(TorchFileException.class).hasMessageStartingWith("cut.pt: ").hasMessageNotContaining("\n");
                }
            });
        }
    }

    @Test
    void missingAndShortStoragesAndTensorsPastTheirStorageAreRefusedByName() throws Exception {
        byte[] pickle = PickleBytes.stateDict("w", "b").bytes();
        refused(PickleBytes.zip(tmp.resolve("missing.pt"), "m", pickle, Map.of("0", PickleBytes.floats(1, 2, 3, 4)), null),
                "data/1 is missing");
        Map<String, byte[]> shortOne = new LinkedHashMap<>();
        shortOne.put("0", PickleBytes.floats(1, 2, 3, 4));
        shortOne.put("1", PickleBytes.floats(5, 6, 7));
        refused(PickleBytes.zip(tmp.resolve("short.pt"), "m", pickle, shortOne, null), "data/1 is short");
        byte[] past = PickleBytes.proto2().op('}').str("decoder.w")
                .tensor("FloatStorage", "0", 4, 1, new long[] {2, 2}, new long[] {2, 1}).op('s', '.').bytes();
        refused(PickleBytes.zip(tmp.resolve("past.pt"), "m", past, Map.of("0", PickleBytes.floats(1, 2, 3, 4)), null),
                "tensor 'decoder.w' is larger than its storage");
    }

    @Test
    void pathologicalNestingIsRefusedQuickly() throws Exception {
        byte[] marks = new byte[100_000 + 3];
        Arrays.fill(marks, (byte) '(');
        marks[0] = (byte) 0x80;
        marks[1] = 2;
        marks[marks.length - 1] = '.';
        PickleBytes lists = PickleBytes.proto2();
        for (int i = 0; i < 100_000; i++) {
            lists.op(']');
        }
        for (int i = 0; i < 99_999; i++) {
            lists.op('a');
        }
        PickleBytes dict = PickleBytes.proto2().op('}').str("x").op(']', 'q', 0, 'h', 0, 'a', 's', '.'); // a list in itself
        PickleBytes keys = PickleBytes.proto2().op('}', ']', ']', 's', '.'); // an unhashable key
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            refused(PickleBytes.zip(tmp.resolve("marks.pt"), "m", marks, Map.of(), null), "deeper than");
            refused(PickleBytes.zip(tmp.resolve("lists.pt"), "m", lists.op('.').bytes(), Map.of(), null), "not a dict");
            PickleBytes nested = PickleBytes.proto2().op('}').str("x");
            for (int i = 0; i < 100_000; i++) {
                nested.op(']');
            }
            for (int i = 0; i < 99_999; i++) {
                nested.op('a');
            }
            refused(PickleBytes.zip(tmp.resolve("nested.pt"), "m", nested.op('s', '.').bytes(), Map.of(), null), "deeper than");
            refused(PickleBytes.zip(tmp.resolve("cycle.pt"), "m", dict.bytes(), Map.of(), null), "contains itself");
            refused(PickleBytes.zip(tmp.resolve("key.pt"), "m", keys.bytes(), Map.of(), null), "unhashable");
        });
    }

    @Test
    void randomGarbageInThePickleIsRefusedWithinTime() throws Exception {
        Random random = new Random(20);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int n = 0; n < 300; n++) {
                byte[] pickle = PickleBytes.stateDict("w", "b").bytes();
                for (int k = 0; k < 3; k++) {
                    pickle[2 + random.nextInt(pickle.length - 2)] = (byte) random.nextInt(256);
                }
                Map<String, byte[]> storages = new LinkedHashMap<>();
                storages.put("0", PickleBytes.floats(1, 2, 3, 4));
                storages.put("1", PickleBytes.floats(5, 6, 7, 8));
                Path file = PickleBytes.zip(tmp.resolve("garbage.pt"), "g", pickle, storages, null);
                try {
                    TorchFile.read(file).stateDict();
                } catch (TorchFileException e) {
                    assertThat(e.getMessage()).startsWith("garbage.pt: ").doesNotContain("\n").doesNotContain("malformed (");
                }
            }
        });
    }

    private static void refused(Path file, String why) {
        assertThatThrownBy(() -> TorchFile.read(file).stateDict())
                .isInstanceOf(TorchFileException.class)
                .hasMessageStartingWith(file.getFileName() + ": ")
                .hasMessageContaining(why)
                .hasMessageNotContaining("\n");
    }
}
