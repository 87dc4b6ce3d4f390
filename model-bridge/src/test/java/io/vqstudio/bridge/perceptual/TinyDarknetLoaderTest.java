package io.vqstudio.bridge.perceptual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader against generated exports with Tiny Darknet's names and shapes, random values. */
class TinyDarknetLoaderTest {

    private static final NDManager m = TestNets.manager();

    @TempDir
    Path dir;

    private Path writeNpz(Map<String, float[]> keras, String file) throws IOException {
        Map<String, long[]> shapes = TinyDarknet.kerasShapes();
        try (NDManager tmp = m.newSubManager()) {
            NDList list = new NDList();
            keras.forEach((name, v) -> {
                // Tiny Darknet's shape where the values fit it, else a flat vector (a deliberately wrong tensor).
                Shape want = new Shape(shapes.getOrDefault(name, new long[] {v.length}));
                NDArray a = tmp.create(v, want.size() == v.length ? want : new Shape(v.length));
                a.setName(name);
                list.add(a);
            });
            Path p = dir.resolve(file);
            Files.write(p, list.encode(NDList.Encoding.NPZ));
            return p;
        }
    }

    /** A TF.js layers export: BatchNorm tensors in one shard group, kernels in another, as ml5's file does. */
    private Path writeTfjs(Map<String, float[]> keras) throws IOException {
        Map<String, long[]> shapes = TinyDarknet.kerasShapes();
        JsonArray manifest = new JsonArray();
        for (String group : new String[] {"batch_normalization", "conv2d"}) {
            List<String> names = new ArrayList<>(keras.keySet().stream().filter(n -> n.startsWith(group)).toList());
            JsonArray weights = new JsonArray();
            ByteBuffer buf = ByteBuffer.allocate(names.stream().mapToInt(n -> 4 * keras.get(n).length).sum())
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (String n : names) {
                JsonObject spec = new JsonObject();
                spec.addProperty("name", n);
                JsonArray dims = new JsonArray();
                for (long d : shapes.get(n)) {
                    dims.add(d);
                }
                spec.add("shape", dims);
                spec.addProperty("dtype", "float32");
                weights.add(spec);
                buf.asFloatBuffer().put(keras.get(n));
                buf.position(buf.position() + 4 * keras.get(n).length);
            }
            Files.write(dir.resolve(group + "-shard1of1"), buf.array());
            JsonObject g = new JsonObject();
            JsonArray paths = new JsonArray();
            paths.add(group + "-shard1of1");
            g.add("paths", paths);
            g.add("weights", weights);
            manifest.add(g);
        }
        JsonObject root = new JsonObject();
        root.add("modelTopology", new JsonObject());
        root.add("weightsManifest", manifest);
        Files.writeString(dir.resolve("model.json"), root.toString());
        return dir;
    }

    private static float[] logits(TinyDarknet net, NDManager step) {
        return net.logits(TestNets.images01(step, 11, 2, 32, 32)).toFloatArray();
    }

    @Test
    void npzAndTfjsExportsLoadToTheSameNetworkAsTheArraysThemselves() throws IOException {
        Map<String, float[]> keras = TestNets.randomKeras(3);
        TinyDarknet direct = new TinyDarknet(m, keras);
        TinyDarknet fromNpz = TinyDarknetLoader.load(m, writeNpz(keras, "weights.npz"));
        TinyDarknet fromTfjs = TinyDarknetLoader.load(m, writeTfjs(keras));
        try (NDManager step = m.newSubManager()) {
            float[] want = logits(direct, step);
            assertThat(logits(fromNpz, step)).containsExactly(want);
            assertThat(logits(fromTfjs, step)).containsExactly(want);
        }
    }

    @Test
    void aMissingPathIsRejectedNamingIt() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aDirectoryWithoutModelJsonOrAFileOfAnotherKindIsRejected() throws IOException {
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no model.json");
        Path txt = Files.writeString(dir.resolve("weights.txt"), "hello");
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, txt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.txt");
        Path garbage = Files.writeString(dir.resolve("garbage.npz"), "not a zip at all");
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage.npz");
    }

    @Test
    void anNpzWithAWrongShapeOrAMissingTensorIsRejectedNamingFileAndTensor() throws IOException {
        Map<String, float[]> keras = TestNets.randomKeras(4);
        keras.put("conv2d_3/kernel", new float[] {1, 2, 3});
        Path wrong = writeNpz(keras, "wrong.npz");
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrong.npz").hasMessageContaining("conv2d_3/kernel").hasMessageContaining("[3]");

        Map<String, float[]> partial = TestNets.randomKeras(4);
        partial.remove("batch_normalization_7/moving_mean");
        Path missing = writeNpz(partial, "partial.npz");
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partial.npz").hasMessageContaining("batch_normalization_7/moving_mean");
    }

    @Test
    void aTfjsExportWithAMissingOrTruncatedShardIsRejectedNamingTheFile() throws IOException {
        writeTfjs(TestNets.randomKeras(5));
        Path shard = dir.resolve("conv2d-shard1of1");
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conv2d-shard1of1");
        Files.delete(shard);
        assertThatThrownBy(() -> TinyDarknetLoader.load(m, dir.resolve("model.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2d-shard1of1").hasMessageContaining("missing");
    }
}
