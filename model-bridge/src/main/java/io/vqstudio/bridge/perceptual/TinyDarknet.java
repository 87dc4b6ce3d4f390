package io.vqstudio.bridge.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny Darknet (Redmon, "Tiny Darknet", pjreddie.com/darknet/tiny-darknet), a 1M-parameter ImageNet-1k
 * classifier, used frozen as the feature network of {@link PerceptualLoss} and as a feature space for
 * Frechet distances. The layer table follows the Keras export of the ml5 model ({@code model.json}):
 * 15 layers of conv (3x3 or 1x1, stride 1, 'same', no bias) + BatchNorm (eps 1e-3, running statistics)
 * + LeakyReLU(0.1), 2x2 stride-2 max-pools after layers 1, 2, 6 and 10, then a 1x1 conv to 1000
 * classes with bias and a global average pool.
 *
 * <p>Input: RGB (B, 3, H, W) in [0, 1] (trained at 224x224; any size works, odd sizes pool with
 * TensorFlow's 'same' rounding). Our images are in [-1, 1]: convert with {@link #unitRange}.
 *
 * <p>The weights are frozen: they are kept in this class's own fields, never registered with
 * {@link Module#param}, so {@link #parameters()} is empty and no optimizer sees them. BatchNorm is
 * folded into each conv (w' = w * gamma / sqrt(var + eps), b' = beta - mean * gamma / sqrt(var + eps)),
 * which is exactly inference-mode BatchNorm and saves two ops per layer.
 */
public final class TinyDarknet extends Module {

    public static final int CLASSES = 1000;
    private static final double BN_EPS = 1e-3;
    private static final float LEAKY_SLOPE = 0.1f;

    /** One conv + BN + LeakyReLU layer; {@code poolAfter} closes a resolution stage. */
    record Layer(int filters, int kernel, boolean poolAfter) {}

    static final List<Layer> TRUNK = List.of(
            new Layer(16, 3, true),
            new Layer(32, 3, true),
            new Layer(16, 1, false), new Layer(128, 3, false), new Layer(16, 1, false), new Layer(128, 3, true),
            new Layer(32, 1, false), new Layer(256, 3, false), new Layer(32, 1, false), new Layer(256, 3, true),
            new Layer(64, 1, false), new Layer(512, 3, false), new Layer(64, 1, false), new Layer(512, 3, false),
            new Layer(128, 1, false));
    /** Keras index of the classifier conv (layers 1..15 are the trunk). */
    static final int CLASSIFIER = TRUNK.size() + 1;

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);

    private final NDArray[] weights = new NDArray[TRUNK.size()]; // (Cout, Cin, k, k), BN folded in
    private final NDArray[] biases = new NDArray[TRUNK.size()];  // (Cout)
    private final NDArray classifierWeight;                      // (1000, 128, 1, 1)
    private final NDArray classifierBias;                        // (1000)

    /** A randomly initialised network (He-normal convs, identity BatchNorm), for tests and shape checks. */
    public TinyDarknet(NDManager m, long seed) {
        this(m, randomKerasWeights(seed));
    }

    /** Builds the network from Keras-named arrays in Keras layout (kernels HWIO), already shape-checked. */
    TinyDarknet(NDManager m, Map<String, float[]> keras) {
        int in = 3;
        for (int i = 0; i < TRUNK.size(); i++) {
            Layer l = TRUNK.get(i);
            String bn = "batch_normalization_" + (i + 1) + "/";
            float[] gamma = keras.get(bn + "gamma"), beta = keras.get(bn + "beta");
            float[] mean = keras.get(bn + "moving_mean"), var = keras.get(bn + "moving_variance");
            float[] scale = new float[l.filters()], shift = new float[l.filters()];
            for (int o = 0; o < l.filters(); o++) {
                double s = gamma[o] / Math.sqrt(var[o] + BN_EPS);
                scale[o] = (float) s;
                shift[o] = (float) (beta[o] - mean[o] * s);
            }
            float[] oihw = toOihw(keras.get("conv2d_" + (i + 1) + "/kernel"), l.kernel(), in, l.filters(), scale);
            weights[i] = m.create(oihw, new Shape(l.filters(), in, l.kernel(), l.kernel()));
            biases[i] = m.create(shift);
            in = l.filters();
        }
        float[] ones = new float[CLASSES];
        Arrays.fill(ones, 1f);
        String head = "conv2d_" + CLASSIFIER + "/";
        classifierWeight = m.create(toOihw(keras.get(head + "kernel"), 1, in, CLASSES, ones),
                new Shape(CLASSES, in, 1, 1));
        classifierBias = m.create(keras.get(head + "bias"));
    }

    /** Signed images (B, 3, H, W) in [-1, 1] -> the network's input range [0, 1]. */
    public static NDArray unitRange(NDArray signedImages) {
        return Scalars.div(signedImages.add(1f), 2);
    }

    /**
     * The activations at the end of each resolution stage, taken before its max-pool as LPIPS taps
     * VGG's ReLUs before pooling, plus the last trunk layer: (B, 16, H, W), (B, 32, H/2, W/2),
     * (B, 128, H/4, W/4), (B, 256, H/8, W/8), (B, 128, H/16, W/16) for images (B, 3, H, W) in [0, 1].
     */
    public List<NDArray> features(NDArray images01) {
        List<NDArray> taps = new ArrayList<>();
        NDArray last = trunk(images01, taps);
        taps.add(last);
        return taps;
    }

    /**
     * Images (B, 3, H, W) in [0, 1] -> class scores (B, 1000), before softmax. The classes follow
     * Darknet's label order ({@code data/imagenet.labels.list}: kit fox, English setter, Siberian
     * husky, ...), not the sorted-synset order most other frameworks use.
     */
    public NDArray logits(NDArray images01) {
        NDArray x = trunk(images01, null);
        x = Conv2d.conv2d(x, classifierWeight, classifierBias, ONE, new Shape(0, 0));
        return spatialMean(x);                                          // (B, 1000)
    }

    /**
     * Images (B, 3, H, W) in [0, 1] -> (B, 128), the spatial mean of the last trunk layer: the
     * penultimate representation, the role Inception's pool3 features play in FID.
     */
    public NDArray pooledFeatures(NDArray images01) {
        return spatialMean(trunk(images01, null));
    }

    /** (B, C, h, w) -> (B, C); the engine's mean reduces one axis at a time. */
    private static NDArray spatialMean(NDArray x) {
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }

    /** Runs the 15 trunk layers; when {@code taps} is given, adds each stage's output before its pool. */
    private NDArray trunk(NDArray x, List<NDArray> taps) {
        for (int i = 0; i < TRUNK.size(); i++) {
            Layer l = TRUNK.get(i);
            int pad = l.kernel() / 2;
            x = Conv2d.conv2d(x, weights[i], biases[i], ONE, new Shape(pad, pad));
            x = Activation.leakyRelu(x, LEAKY_SLOPE);
            if (l.poolAfter()) {
                if (taps != null) {
                    taps.add(x);
                }
                // ceil mode = TensorFlow's 'same' padding for a 2x2 stride-2 pool on odd sizes.
                x = Pool.maxPool2d(x, TWO, TWO, new Shape(0, 0), true);
            }
        }
        return x;
    }

    /** Every tensor of the Keras export, by name, with its Keras shape (kernels HWIO), in layer order. */
    static Map<String, long[]> kerasShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long in = 3;
        for (int i = 0; i < TRUNK.size(); i++) {
            Layer l = TRUNK.get(i);
            shapes.put("conv2d_" + (i + 1) + "/kernel", new long[] {l.kernel(), l.kernel(), in, l.filters()});
            for (String s : new String[] {"gamma", "beta", "moving_mean", "moving_variance"}) {
                shapes.put("batch_normalization_" + (i + 1) + "/" + s, new long[] {l.filters()});
            }
            in = l.filters();
        }
        shapes.put("conv2d_" + CLASSIFIER + "/kernel", new long[] {1, 1, in, CLASSES});
        shapes.put("conv2d_" + CLASSIFIER + "/bias", new long[] {CLASSES});
        return shapes;
    }

    /** Keras (k, k, in, out) -> PyTorch (out, in, k, k), each output channel scaled. */
    private static float[] toOihw(float[] hwio, int k, int in, int out, float[] scale) {
        float[] oihw = new float[hwio.length];
        for (int y = 0; y < k; y++) {
            for (int x = 0; x < k; x++) {
                for (int c = 0; c < in; c++) {
                    int src = ((y * k + x) * in + c) * out;
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + c) * k + y) * k + x] = hwio[src + o] * scale[o];
                    }
                }
            }
        }
        return oihw;
    }

    private static Map<String, float[]> randomKerasWeights(long seed) {
        Random r = new Random(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        kerasShapes().forEach((name, shape) -> {
            float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
            if (name.endsWith("/kernel")) {
                double std = Math.sqrt(2.0 / (shape[0] * shape[1] * shape[2])); // He-normal over fan-in
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (r.nextGaussian() * std);
                }
            } else if (name.endsWith("/gamma") || name.endsWith("/moving_variance")) {
                Arrays.fill(v, 1f);
            }
            w.put(name, v);
        });
        return w;
    }
}
