package io.vqstudio.bridge.nn;

/**
 * Keys and values of the positions decoded so far, one entry per transformer layer. It lives in
 * the sampling call's manager; each step concatenates one position (B, H, 1, Dh) per layer.
 */
public final class KvCache {

    /** One layer's cache: (B, H, t, Dh) keys and values, null before the first step. */
    public static final class Layer {
        ai.djl.ndarray.NDArray keys;
        ai.djl.ndarray.NDArray values;
        final ai.djl.ndarray.NDManager manager;

        Layer(ai.djl.ndarray.NDManager manager) {
            this.manager = manager;
        }
    }

    private final Layer[] layers;

    /** @param manager owns the cached keys and values; each step's other arrays belong to its input */
    public KvCache(int numLayers, ai.djl.ndarray.NDManager manager) {
        layers = new Layer[numLayers];
        for (int i = 0; i < numLayers; i++) {
            layers[i] = new Layer(manager);
        }
    }

    public Layer layer(int i) {
        return layers[i];
    }

    /** Positions cached so far. */
    public long length() {
        return layers[0].keys == null ? 0 : layers[0].keys.getShape().get(2);
    }
}
