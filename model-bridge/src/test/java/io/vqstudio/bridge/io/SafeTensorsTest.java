package io.vqstudio.bridge.io;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        TestEngine.start();
        Engine.getInstance().setRandomSeed(3);
    }

    @Test
    void int8StorageQuantizesOnlyLargeMatricesAndReadsThemBackWithinHalfAStep() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("embed", m.randomNormal(new Shape(1024, 1024)).mul(m.arange(1f, 1025f).reshape(-1, 1))); // rows of any scale
            tensors.put("small", m.randomNormal(new Shape(256, 256)));
            Path f16 = tmp.resolve("f16.safetensors"), i8 = tmp.resolve("i8.safetensors");
            SafeTensors.write(f16, tensors, Map.of(), SafeTensors.Storage.F16);
            SafeTensors.write(i8, tensors, Map.of(), SafeTensors.Storage.INT8);
            // The big matrix costs 1 byte a weight (plus 2 per row) instead of 2; the small one stays F16.
            assertThat(Files.size(f16) - Files.size(i8)).isBetween(1024L * 1024 - 4096, 1024L * 1024);

            Map<String, NDArray> half = SafeTensors.read(f16, m), back = SafeTensors.read(i8, m);
            assertThat(back.keySet()).containsExactly("embed", "small");
            assertThat(back.get("small").toFloatArray()).containsExactly(half.get("small").toFloatArray());
            NDArray w = tensors.get("embed");
            NDArray step = w.abs().max(new int[] {1}, true).div(127);                          // (rows, 1)
            NDArray err = back.get("embed").sub(w).abs().div(step);                           // in quantisation steps
            assertThat(err.max().getFloat()).isLessThan(0.51f);
        }
    }
}
