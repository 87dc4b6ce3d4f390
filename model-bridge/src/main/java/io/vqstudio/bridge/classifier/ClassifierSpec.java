package io.vqstudio.bridge.classifier;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CLASSES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_CONV_CHANNELS;
import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CNN image classifier ({@link ImageClassifier}): square RGB images of {@code resolution}
 * pixels, one 3x3 convolution per stage with {@code widths[i]} channels, {@code groups} groups
 * of group normalisation, 2x2 max pooling between stages, global average pooling, and a linear
 * head over {@code classes}. Saved in spec.json beside every checkpoint (kind {@code classifier}).
 *
 * <p>Built only with every field present and in range; otherwise a {@link SpecException} names the field.
 */
public record ClassifierSpec(String name, int resolution, List<Integer> widths, int groups, int classes) {

    /** Stages: each after the first halves the side, so 16 is far past any side the limits allow. */
    public static final int MAX_STAGES = 16;
    /**
     * Channels of the first stage of the presets; each later stage doubles them, up to 8 times as many.
     * 16 (16 to 128 channels at 32 px, about 0.1 M weights) learns Fashion-MNIST's ten classes in a few
     * epochs on a CPU; photos want more ({@code --width 32}).
     */
    public static final int DEFAULT_WIDTH = 16;

    public ClassifierSpec {
        present("name", name);
        range("resolution", resolution, 2, MAX_RESOLUTION);
        present("widths", widths);
        range("widths.length", widths.size(), 1, MAX_STAGES);
        range("groups", groups, 1, 512);
        for (int i = 0; i < widths.size(); i++) {
            int w = range("widths[" + i + "]", present("widths[" + i + "]", widths.get(i)), 1, MAX_CONV_CHANNELS);
            if (w % groups != 0) {
                throw new SpecException("widths[" + i + "]", "= " + w + " does not split into " + groups + " groups");
            }
        }
        if (resolution >> (widths.size() - 1) < 1) {
            throw new SpecException("widths.length", "= " + widths.size() + " stages halve " + resolution
                    + " px below one pixel");
        }
        range("classes", classes, 2, MAX_CLASSES);
        widths = List.copyOf(widths);
    }

    /**
     * The preset for images of {@code resolution} px and {@code classes} classes: stages down to a
     * side of about 4 (32 px: 32, 16, 8, 4), {@code width} channels first, doubling to at most
     * eight times that, groups of 8 channels (fewer groups for narrow stages).
     */
    public static ClassifierSpec forData(int resolution, int classes, int width) {
        range("resolution", resolution, 2, MAX_RESOLUTION);
        range("width", width, 1, MAX_CONV_CHANNELS / 8);
        int stages = 1;
        while (stages < 5 && resolution >> stages >= 4) {
            stages++;
        }
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            widths.add(width << Math.min(i, 3));
        }
        int groups = Math.max(1, Math.min(width / 8, 32));
        while (width % groups != 0) {
            groups--;
        }
        return new ClassifierSpec("cnn-" + resolution, resolution, widths, groups, classes);
    }

    /** Width of the pooled features (the input of the head): the last stage's channels. */
    public int featureDim() {
        return widths.get(widths.size() - 1);
    }

    /** Side of the last stage's maps. */
    public int lastSide() {
        return resolution >> (widths.size() - 1);
    }

    /** Estimated weights and one image's activations (each stage's maps, about three copies), before building. */
    public Footprint footprint() {
        long params = 0, activations = 0;
        int in = 3;
        for (int i = 0; i < widths.size(); i++) {
            long side = resolution >> i;
            params += 9L * in * widths.get(i) + 2L * widths.get(i);
            activations += 3 * 4 * side * side * widths.get(i);
            in = widths.get(i);
        }
        params += (long) in * classes + classes;
        return new Footprint(params, activations, activations > 4 * params ? "resolution" : "widths");
    }
}
