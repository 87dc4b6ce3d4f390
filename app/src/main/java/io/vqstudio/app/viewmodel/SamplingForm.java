package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
    private final BooleanProperty guidanceAllowed = new SimpleBooleanProperty(true);
    private double chosenGuidance = 1.0;
    private final IntegerProperty count = new SimpleIntegerProperty(4);
    private final LongProperty seed = new SimpleLongProperty(0);
    private final IntegerProperty steps = new SimpleIntegerProperty(SamplingSpec.defaults().steps());

    public ObjectProperty<PriorKind> kindProperty() {
        return kind;
    }

    public SamplingForm() {
        guidanceAllowed.addListener((obs, was, allowed) -> {
            if (allowed) {
                guidance.set(chosenGuidance);
            } else {
                chosenGuidance = guidance.get();
                guidance.set(1.0);
            }
        });
        guidance.addListener((obs, was, scale) -> { // held at 1: a scale set meanwhile is the one that comes back
            if (!guidanceAllowed.get() && scale.doubleValue() != 1.0) {
                chosenGuidance = scale.doubleValue();
                guidance.set(1.0);
            }
        });
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

    /**
     * Whether the prior takes classifier-free guidance (it has a null class); while it does not, the scale
     * reads 1, and the scale chosen before (or meanwhile) comes back when a prior that takes it returns.
     */
    public BooleanProperty guidanceAllowedProperty() {
        return guidanceAllowed;
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
        float cfg = guidanceAllowed.get() ? (float) guidance.get() : 1f;
        return new SamplingSpec(t, Math.max(0, topK.get()), p, cfg, seed.get(),
                Math.max(1, steps.get()));
    }

    public int samples() {
        return Math.max(1, count.get());
    }
}
