package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the positions decoded so far, one entry per transformer layer, in buffers
 * allocated once for {@code capacity} positions: each step writes one position in place, so a
 * token costs the same at the end of a long sequence as at its start (no copy of the prefix).
 */
public final class KvCache {

    /** One layer's buffers: (B, H, capacity, Dh) keys and values, allocated at the first step. */
    public static final class Layer {
        private final NDManager manager;
        private final int capacity;
        private NDArray keys;
        private NDArray values;
        private int length;

        Layer(NDManager manager, int capacity) {
            this.manager = manager;
            this.capacity = capacity;
        }

        /** Writes the newest key and value (B, H, 1, Dh) at the next position. */
        public void append(NDArray k, NDArray v) {
            if (keys == null) {
                Shape s = k.getShape();
                keys = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), k.getDataType());
                values = manager.zeros(keys.getShape(), v.getDataType());
            }
            if (length == capacity) {
                throw new IllegalStateException("KV cache full: " + capacity + " positions");
            }
            NDIndex at = new NDIndex(":, :, {}:{}", length, length + 1);
            keys.set(at, k);
            values.set(at, v);
            length++;
        }

        /** The filled part of the keys, (B, H, t, Dh): a view to close after use. */
        public NDArray keys() {
            return keys.get(new NDIndex(":, :, 0:{}", length));
        }

        /** The filled part of the values, (B, H, t, Dh): a view to close after use. */
        public NDArray values() {
            return values.get(new NDIndex(":, :, 0:{}", length));
        }
    }

    private final Layer[] layers;

    /**
     * @param capacity positions the sequence can reach
     * @param manager  owns the buffers; each step's other arrays belong to its input
     */
    public KvCache(int numLayers, int capacity, NDManager manager) {
        layers = new Layer[numLayers];
        for (int i = 0; i < numLayers; i++) {
            layers[i] = new Layer(manager, capacity);
        }
    }

    public Layer layer(int i) {
        return layers[i];
    }

    /** Positions cached so far. */
    public long length() {
        return layers[0].length;
    }
}
