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
    }

    private final Layer[] layers;

    public KvCache(int numLayers) {
        layers = new Layer[numLayers];
        for (int i = 0; i < numLayers; i++) {
            layers[i] = new Layer();
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
