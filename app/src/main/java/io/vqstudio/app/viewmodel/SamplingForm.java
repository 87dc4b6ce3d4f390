package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The sampling settings shared by resampling and class-conditional sampling. */
public final class SamplingForm {

    private final ObjectProperty<PriorKind> kind = new SimpleObjectProperty<>(PriorKind.MASKGIT);
    private final DoubleProperty temperature = new SimpleDoubleProperty(1.0);
    private final IntegerProperty topK = new SimpleIntegerProperty(0);
    private final DoubleProperty topP = new SimpleDoubleProperty(1.0);
    private final DoubleProperty guidance = new SimpleDoubleProperty(1.0);
    private final IntegerProperty count = new SimpleIntegerProperty(4);
    private final LongProperty seed = new SimpleLongProperty(0);
    private final IntegerProperty steps = new SimpleIntegerProperty(SamplingSpec.defaults().steps());

    public ObjectProperty<PriorKind> kindProperty() {
        return kind;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** 0 keeps every code. */
    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    /** Classifier-free guidance scale (1 = none). */
    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    /** N: how many candidates or samples. */
    public IntegerProperty countProperty() {
        return count;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** MaskGIT's parallel decoding steps. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** The settings as the engine's spec; out-of-range values are clamped to the nearest valid one. */
    public SamplingSpec toSpec() {
        float t = (float) Math.max(0.01, temperature.get());
        float p = (float) Math.min(1.0, Math.max(0.01, topP.get()));
        return new SamplingSpec(t, Math.max(0, topK.get()), p, (float) guidance.get(), seed.get(),
                Math.max(1, steps.get()));
    }

    public int samples() {
        return Math.max(1, count.get());
    }
}
