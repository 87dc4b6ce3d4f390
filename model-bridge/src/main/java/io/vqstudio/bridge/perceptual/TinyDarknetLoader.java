package io.vqstudio.bridge.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Tiny Darknet's ImageNet weights from a path the user gives: either a TensorFlow.js layers
 * export (a directory holding {@code model.json} and the binary shards its {@code weightsManifest}
 * names, raw little-endian float32 in manifest order) or an {@code .npz} of the same Keras-named
 * arrays ({@code conv2d_K/kernel} in HWIO, {@code batch_normalization_K/{gamma,beta,moving_mean,
 * moving_variance}}, {@code conv2d_16/{kernel,bias}}). The product ships no weights.
 *
 * <p>Every problem with the path or its contents is an {@link IllegalArgumentException} that names
 * the file at fault; only failures to read an existing file are {@link IOException}s.
 */
public final class TinyDarknetLoader {

    private TinyDarknetLoader() {}

    /** Loads the network into {@code m} from a TF.js directory, its {@code model.json}, or an {@code .npz}. */
    public static TinyDarknet load(NDManager m, Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("No perceptual network at " + path
                    + ": give the Tiny Darknet directory (model.json + shards) or its .npz file");
        }
        Path source = path;
        Map<String, float[]> tensors;
        Map<String, long[]> shapes = new HashMap<>();
        if (Files.isDirectory(path) || path.getFileName().toString().equals("model.json")) {
            source = Files.isDirectory(path) ? path.resolve("model.json") : path;
            if (!Files.isRegularFile(source)) {
                throw new IllegalArgumentException(path + " has no model.json: not a TensorFlow.js model directory");
            }
            tensors = readTfjs(source, shapes);
        } else if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
            tensors = readNpz(m, path, shapes);
        } else {
            throw new IllegalArgumentException(path + " is neither a TensorFlow.js model directory nor an .npz file");
        }
        checkShapes(source, tensors, shapes);
        return new TinyDarknet(m, tensors);
    }

    private static Map<String, float[]> readTfjs(Path modelJson, Map<String, long[]> shapes) throws IOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(modelJson)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(modelJson + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.has("weightsManifest")) {
            throw new IllegalArgumentException(modelJson + " has no weightsManifest: not a TensorFlow.js layers model");
        }
        Map<String, float[]> tensors = new HashMap<>();
        Path dir = modelJson.toAbsolutePath().getParent();
        for (JsonElement g : root.getAsJsonArray("weightsManifest")) {
            JsonObject group = g.getAsJsonObject();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringBuilder files = new StringBuilder();
            for (JsonElement p : group.getAsJsonArray("paths")) {
                Path shard = dir.resolve(p.getAsString());
                if (!Files.isRegularFile(shard)) {
                    throw new IllegalArgumentException(modelJson + " names weight file " + p.getAsString()
                            + ", which is missing from " + dir);
                }
                bytes.write(Files.readAllBytes(shard));
                files.append(files.length() == 0 ? "" : ", ").append(shard);
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonElement w : group.getAsJsonArray("weights")) {
                JsonObject spec = w.getAsJsonObject();
                String name = spec.get("name").getAsString();
                if (!"float32".equals(spec.get("dtype").getAsString()) || spec.has("quantization")) {
                    throw new IllegalArgumentException(modelJson + ": tensor " + name
                            + " is not plain float32; only unquantised float32 exports are supported");
                }
                JsonArray dims = spec.getAsJsonArray("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                }
                int count = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
                if (buf.remaining() < 4L * count) {
                    throw new IllegalArgumentException(files + " ends before tensor " + name
                            + " (needs " + 4L * count + " bytes, " + buf.remaining() + " left)");
                }
                float[] data = new float[count];
                buf.asFloatBuffer().get(data);
                buf.position(buf.position() + 4 * count);
                tensors.put(name, data);
                shapes.put(name, shape);
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(files + " holds " + buf.remaining()
                        + " bytes more than " + modelJson + " describes");
            }
        }
        return tensors;
    }

    private static Map<String, float[]> readNpz(NDManager m, Path npz, Map<String, long[]> shapes) throws IOException {
        byte[] bytes = Files.readAllBytes(npz);
        Map<String, float[]> tensors = new HashMap<>();
        try (NDManager tmp = m.newSubManager()) {
            NDList list;
            try {
                list = NDList.decode(tmp, bytes);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(npz + " is not a readable .npz file: " + e.getMessage(), e);
            }
            for (NDArray a : list) {
                tensors.put(a.getName(), a.toType(DataType.FLOAT32, false).toFloatArray());
                shapes.put(a.getName(), a.getShape().getShape());
            }
        }
        return tensors;
    }

    private static void checkShapes(Path source, Map<String, float[]> tensors, Map<String, long[]> shapes) {
        for (Map.Entry<String, long[]> want : TinyDarknet.kerasShapes().entrySet()) {
            String name = want.getKey();
            if (!tensors.containsKey(name)) {
                List<String> found = tensors.keySet().stream().sorted().limit(5).toList();
                throw new IllegalArgumentException(source + " has no tensor " + name
                        + ": not a Tiny Darknet export (its tensors include " + found + ")");
            }
            if (!Arrays.equals(shapes.get(name), want.getValue())) {
                throw new IllegalArgumentException(source + ": tensor " + name + " has shape "
                        + Arrays.toString(shapes.get(name)) + " but Tiny Darknet needs "
                        + Arrays.toString(want.getValue()));
            }
        }
    }
}
