package io.vqstudio.bridge.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-built safetensors files that break the format one rule at a time: each is refused with one
 * line naming the file (and the tensor), before any tensor is made; header bytes are never read
 * as weights.
 */
class SafeTensorsValidationTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        TestEngine.start();
    }

    /** A file of {@code header} (as UTF-8) followed by {@code dataBytes} bytes of float 1.0s. */
    private Path file(String header, int dataBytes) throws IOException {
        return file(header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    private Path file(byte[] json, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        while (b.remaining() >= 4) {
            b.putFloat(1f);
        }
        Path f = Files.createTempFile(tmp, "t", ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private AbstractThrowableAssert<?, ?> refused(Path f) {
        try (NDManager m = NDManager.newBaseManager()) {
            return assertThatThrownBy(() -> SafeTensors.read(f, m)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(f.toString()).hasMessageNotContaining("\n");
        }
    }

    @Test
    void aWellFormedFileReadsBack() throws IOException {
        Path f = file("{\"__metadata__\":{\"k\":\"v\"}," + tensor("a", "F32", "[2]", 0, 8) + ","
                + tensor("b", "F32", "[1,1]", 8, 12) + "}", 12);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = SafeTensors.read(f, m);
            assertThat(t.keySet()).containsExactly("a", "b");
            assertThat(t.get("a").toFloatArray()).containsExactly(1f, 1f);
        }
        assertThat(SafeTensors.metadata(f)).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void offsetsOutsideTheDataAreRefused() throws IOException {
        // Negative: today's reader took the header's last bytes as the weight.
        refused(file("{" + tensor("a", "F32", "[1]", -4, 0) + "}", 4)).hasMessageContaining("'a'").hasMessageContaining("negative");
        refused(file("{" + tensor("a", "F32", "[2]", 0, 8) + "}", 4)).hasMessageContaining("'a'").hasMessageContaining("truncated");
        refused(file("{" + tensor("a", "F32", "[1]", 8, 4) + "," + tensor("b", "F32", "[1]", 0, 4) + "}", 8))
                .hasMessageContaining("'a'").hasMessageContaining("backwards");
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        refused(file("{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("b", "F32", "[2]", 4, 12) + "}", 12))
                .hasMessageContaining("'b' overlaps tensor 'a'");
    }

    @Test
    void holesAndTrailingBytesAreRefused() throws IOException {
        refused(file("{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}", 12))
                .hasMessageContaining("bytes 4..8").hasMessageContaining("'b'");
        refused(file("{" + tensor("a", "F32", "[1]", 4, 8) + "}", 8)).hasMessageContaining("bytes 0..4");
        refused(file("{" + tensor("a", "F32", "[1]", 0, 4) + "}", 8)).hasMessageContaining("4 bytes after its last tensor");
    }

    @Test
    void aSpanThatIsNotShapeTimesDtypeIsRefused() throws IOException {
        // Longer payload than the shape: today's reader took it with an engine warning.
        refused(file("{" + tensor("a", "F32", "[1]", 0, 8) + "}", 8)).hasMessageContaining("'a' spans 8 bytes")
                .hasMessageContaining("needs 4");
        refused(file("{" + tensor("a", "F16", "[4]", 0, 4) + "}", 4)).hasMessageContaining("needs 8");
        refused(file("{" + tensor("a", "F32", "[4294967296,4294967296]", 0, 4) + "}", 4)).hasMessageContaining("'a' spans 4");
        refused(file("{" + tensor("a", "F32", "[-1]", 0, 4) + "}", 4)).hasMessageContaining("negative");
    }

    @Test
    void unknownDtypesAndMalformedEntriesAreRefused() throws IOException {
        refused(file("{" + tensor("a", "BF16", "[2]", 0, 4) + "}", 4)).hasMessageContaining("dtype BF16");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)).hasMessageContaining("lacks data_offsets");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4)).hasMessageContaining("3 data_offsets");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", 4)).hasMessageContaining("shape");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)).hasMessageContaining("not valid JSON");
    }

    @Test
    void aHeaderThatIsNoJsonObjectOfTensorsIsRefused() throws IOException {
        refused(file("{not json", 0)).hasMessageContaining("not valid JSON");
        refused(file("[]", 0)).hasMessageContaining("not a JSON object");
        refused(file(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, 0)).hasMessageContaining("UTF-8");
        refused(file("{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("a", "F32", "[1]", 4, 8) + "}", 8))
                .hasMessageContaining("'a' twice");
        refused(file("{\"__metadata__\":{\"k\":5}}", 0)).hasMessageContaining("'k' is not a string");
        refused(file("{" + tensor("a", "F32", "[1]", 0, 4) + "} {}", 4)).hasMessageContaining("not valid JSON");
    }

    @Test
    void aHeaderLengthBeyondTheFileOrTheFormatIsRefusedWithoutAllocatingIt() throws IOException {
        Path huge = tmp.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        refused(huge).hasMessageContaining("header length");
        Path past = tmp.resolve("past.safetensors");
        Files.write(past, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        refused(past).hasMessageContaining("truncated");
        assertThatThrownBy(() -> SafeTensors.metadata(huge)).hasMessageContaining("header length");
    }

    @Test
    void metadataIsCheckedLikeTheTensors() throws IOException {
        Path f = file("{\"__metadata__\":{\"steps\":12}," + tensor("a", "F32", "[1]", 0, 4) + "}", 4);
        assertThatThrownBy(() -> SafeTensors.metadata(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("'steps' is not a string");
        Path g = file("{\"__metadata__\":{\"steps\":\"12\"}," + tensor("a", "F32", "[1]", 0, 8) + "}", 8);
        assertThatThrownBy(() -> SafeTensors.metadata(g)).isInstanceOf(IOException.class).hasMessageContaining("needs 4");
    }

    @Test
    void nonFiniteValuesAreRefusedNamingTheTensor() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Path f = file("{" + tensor("ok", "F32", "[1]", 0, 4) + "," + tensor("w", "F32", "[2]", 4, 12) + "}", 12);
            byte[] all = Files.readAllBytes(f);
            ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putFloat(all.length - 4, bad);
            Files.write(f, all);
            refused(f).hasMessageContaining("tensor 'w' holds " + (Float.isNaN(bad) ? "NaN" : "an infinite value"));
        }
        // A half-precision infinity (0x7C00) too: what an F16 export of too large a weight gives.
        Path h = file("{" + tensor("h", "F16", "[2]", 0, 4) + "}", 4);
        byte[] all = Files.readAllBytes(h);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort(all.length - 2, (short) 0x7C00);
        Files.write(h, all);
        refused(h).hasMessageContaining("tensor 'h' holds an infinite value");
    }
}
