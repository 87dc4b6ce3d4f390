package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writing values into existing arrays without DJL's NDArray.set(Buffer). */
class InPlaceTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(0);

    @Test
    void writesRowMajorValuesIntoAParameterThatRecordsGradients() {
        NDArray p = engine.manager().zeros(new Shape(2, 3));
        p.setRequiresGradient(true);
        InPlace.set(p, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(p.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(p.getShape()).isEqualTo(new Shape(2, 3));
        assertThat(p.hasGradient()).isTrue();
        // The array stays the same leaf: a gradient still reaches it.
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(p.mul(2).sum());
        }
        assertThat(p.getGradient().toFloatArray()).containsOnly(2f);
    }

    @Test
    void keepsTheTargetsTypeAndRefusesTheWrongCount() {
        NDArray half = engine.manager().zeros(new Shape(2), DataType.FLOAT16);
        InPlace.set(half, new float[] {1.5f, -2.25f});
        assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
        assertThat(half.toType(DataType.FLOAT32, false).toFloatArray()).containsExactly(1.5f, -2.25f);
        assertThatThrownBy(() -> InPlace.set(half, new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values");
    }
}
