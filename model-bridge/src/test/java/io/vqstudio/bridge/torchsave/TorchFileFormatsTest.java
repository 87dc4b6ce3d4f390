package io.vqstudio.bridge.torchsave;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.TestEngine;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format features the reference checkpoints do not all show: views, strides, byte order, dtypes, safetensors, size. */
class TorchFileFormatsTest {

    @TempDir
    Path tmp;

    /** {"a": storage 0 [0:4] as 2x2, "b": storage 0 [2:6] as (4,), "t": storage 0 transposed 2x3, "p": a Parameter}. */
    private static byte[] viewsPickle() {
        PickleBytes p = PickleBytes.proto2().op('}', '(');
        p.str("a").tensor("FloatStorage", "0", 6, 0, new long[] {2, 2}, new long[] {2, 1});
        p.str("b").tensor("FloatStorage", "0", 6, 2, new long[] {4}, new long[] {1});
        p.str("t").tensor("FloatStorage", "0", 6, 0, new long[] {3, 2}, new long[] {1, 3});
        p.str("p").global("torch._utils", "_rebuild_parameter").op('(')
                .tensor("DoubleStorage", "1", 2, 0, new long[] {2}, new long[] {1}).op(0x88).global("collections", "OrderedDict")
                .op(')', 'R', 't', 'R');
        p.str("i").tensor("IntStorage", "2", 3, 1, new long[] {2}, new long[] {1});
        return p.op('u', '.').bytes();
    }

    private static Map<String, byte[]> viewsStorages(ByteOrder order) {
        Map<String, byte[]> s = new LinkedHashMap<>();
        ByteBuffer f = ByteBuffer.allocate(24).order(order), d = ByteBuffer.allocate(16).order(order);
        ByteBuffer i = ByteBuffer.allocate(12).order(order);
        for (int k = 0; k < 6; k++) {
            f.putFloat(k);
        }
        d.putDouble(0.5).putDouble(-1.25);
        i.putInt(7).putInt(-8).putInt(9);
        s.put("0", f.array());
        s.put("1", d.array());
        s.put("2", i.array());
        return s;
    }

    @Test
    void viewsOfOneStorageShareItsBytesAndStridesGatherInBothByteOrders() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = PickleBytes.zip(tmp.resolve("views.pt"), "views", viewsPickle(), viewsStorages(order),
                    order == ByteOrder.BIG_ENDIAN ? "big" : "little");
            Map<String, TensorRef> t = TorchFile.read(file).stateDict().tensors();
            assertThat(t.get("a").storageKey()).isEqualTo(t.get("b").storageKey()).isEqualTo("0");
            assertThat(t.get("a").toFloats()).containsExactly(0, 1, 2, 3);
            assertThat(t.get("b").toFloats()).containsExactly(2, 3, 4, 5);
            assertThat(t.get("t").isContiguous()).isFalse();
            assertThat(t.get("t").toFloats()).containsExactly(0, 3, 1, 4, 2, 5);
            assertThat(t.get("p").dtype()).isEqualTo(DType.FLOAT64);
            assertThat(t.get("p").toFloats()).containsExactly(0.5f, -1.25f);
            assertThat(t.get("i").toLongs()).containsExactly(-8, 9);
        }
        TestEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, TensorRef> t = TorchFile.read(tmp.resolve("views.pt")).stateDict().tensors(); // big-endian
            try (NDArray a = t.get("t").toNDArray(m); NDArray i = t.get("i").toNDArray(m)) {
                assertThat(a.toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
                assertThat(i.getDataType()).isEqualTo(DataType.INT32);
                assertThat(i.toIntArray()).containsExactly(-8, 9);
                a.addi(1); // owns its memory: writing does not touch the read-only mapping
                assertThat(t.get("t").toFloats()).containsExactly(0, 3, 1, 4, 2, 5);
            }
        }
    }

    @Test
    void legacyCopyReadsTheSameAsTheZipCopy() throws Exception {
        Map<String, byte[]> storages = viewsStorages(ByteOrder.LITTLE_ENDIAN);
        Path zip = PickleBytes.zip(tmp.resolve("z.pt"), "z", viewsPickle(), storages, null);
        Path legacy = PickleBytes.legacy(tmp.resolve("l.pt"), PickleBytes.sysInfo(), legacyPid(), storages, 4, 8, 4);
        Map<String, TensorRef> a = TorchFile.read(zip).stateDict().tensors(), b = TorchFile.read(legacy).stateDict().tensors();
        assertThat(TorchFile.read(legacy).format()).isEqualTo("legacy");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).toFloats()).as(k).containsExactly(a.get(k).toFloats());
        }
    }

    /** The views pickle with legacy persistent ids (..., numel, None). */
    private static byte[] legacyPid() {
        byte[] zip = viewsPickle();
        ByteBuffer out = ByteBuffer.allocate(zip.length * 2);
        for (int i = 0; i < zip.length; i++) {
            if (zip[i] == 't' && i + 1 < zip.length && zip[i + 1] == 'Q') {
                out.put((byte) 'N'); // the view element before the tuple closes
            }
            out.put(zip[i]);
        }
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    @Test
    void safetensorsOpensThroughTheSameDoor() throws Exception {
        TestEngine.start();
        Path file = tmp.resolve("w.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3, 4, 5, 6}, new ai.djl.ndarray.types.Shape(2, 3));
            w.setName("w");
            NDArray h = m.create(new float[] {0.5f, -2}).toType(DataType.FLOAT16, false);
            h.setName("h");
            NDList list = new NDList(w, h);
            try (OutputStream o = Files.newOutputStream(file)) {
                list.encode(o, NDList.Encoding.SAFETENSORS);
            }
        }
        Checkpoint c = TorchFile.read(file);
        assertThat(c.format()).isEqualTo("safetensors");
        StateDict sd = c.stateDict();
        assertThat(sd.tensor("w").shape()).containsExactly(2, 3);
        assertThat(sd.tensor("w").toFloats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(sd.tensor("h").dtype()).isEqualTo(DType.FLOAT16);
        assertThat(sd.tensor("h").toFloats()).containsExactly(0.5f, -2);
    }

    /**
     * A 320 MB storage reads without coming onto the Java heap: the heap in use grows by far less
     * than the storage while the file is read, CRC-checked and a tensor over it counted.
     */
    @Test
    void aLargeStorageStaysOffTheHeap() throws Exception {
        int bytes = 320 << 20;
        Path file = tmp.resolve("large.pt");
        byte[] pickle = PickleBytes.proto2().op('}').str("big")
                .tensor("FloatStorage", "0", bytes / 4, 0, new long[] {bytes / 4}, new long[] {1}).op('s', '.').bytes();
        byte[] chunk = new byte[1 << 20];
        CRC32 crc = new CRC32();
        for (int i = 0; i < bytes >> 20; i++) {
            crc.update(chunk);
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry p = new ZipEntry("large/data.pkl");
            p.setMethod(ZipEntry.STORED);
            p.setSize(pickle.length);
            CRC32 pc = new CRC32();
            pc.update(pickle);
            p.setCrc(pc.getValue());
            z.putNextEntry(p);
            z.write(pickle);
            ZipEntry d = new ZipEntry("large/data/0");
            d.setMethod(ZipEntry.STORED);
            d.setSize(bytes);
            d.setCrc(crc.getValue());
            z.putNextEntry(d);
            for (int i = 0; i < bytes >> 20; i++) {
                z.write(chunk);
            }
        }
        chunk = null;
        var heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed();
        TensorRef big = TorchFile.read(file).stateDict().tensor("big");
        long grown = heap.getHeapMemoryUsage().getUsed() - before;
        assertThat(big.numel()).isEqualTo(bytes / 4);
        assertThat(grown).isLessThan(bytes / 8);
    }
}
