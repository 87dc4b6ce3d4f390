package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the positions decoded so far, one entry per transformer layer, in buffers
 * allocated once for {@code capacity} positions: each step writes one position in place, so a
 * token costs the same at the end of a long sequence as at its start (no copy of the prefix).
 *
 * <p>Keys are kept as columns, (B, H, Dh, capacity), and values as rows, (B, H, capacity, Dh): the
 * filled parts are then the operands of q k^T and a v as they stand (strided views that the matrix
 * product reads without copying), where keys stored as rows would need a transpose every step.
 */
public final class KvCache {

    /** One layer's buffers, allocated at the first step for its batch and heads. */
    public static final class Layer {
        private final NDManager manager;
        private final int capacity;
        private NDArray keysT;    // (B, H, Dh, capacity)
        private NDArray values;   // (B, H, capacity, Dh)
        private int length;

        Layer(NDManager manager, int capacity) {
            this.manager = manager;
            this.capacity = capacity;
        }

        /** Writes the newest key and value, both (B, H, 1, Dh), at the next position. */
        public void append(NDArray k, NDArray v) {
            try (NDArray column = k.transpose(0, 1, 3, 2)) {
                appendColumn(column, v);
            }
        }

        /** Writes the newest key as a column, (B, H, Dh, 1), and value, (B, H, 1, Dh), at the next position. */
        public void appendColumn(NDArray kColumn, NDArray v) {
            if (keysT == null) {
                Shape s = kColumn.getShape();
                keysT = manager.zeros(new Shape(s.get(0), s.get(1), s.get(2), capacity), kColumn.getDataType());
                values = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(2)), v.getDataType());
            }
            if (length == capacity) {
                throw new IllegalStateException("KV cache full: " + capacity + " positions");
            }
            Slices.write(keysT, 3, length, length + 1, kColumn);
            Slices.write(values, 2, length, length + 1, v);
            length++;
        }

        /** The filled part of the keys as columns, (B, H, Dh, t): a view to close after use. */
        public NDArray keysT() {
            return Slices.narrow(keysT, 3, 0, length);
        }

        /** The filled part of the keys, (B, H, t, Dh): a view to close after use. */
        public NDArray keys() {
            try (NDArray columns = keysT()) {
                return columns.transpose(0, 1, 3, 2);
            }
        }

        /** The filled part of the values, (B, H, t, Dh): a view to close after use. */
        public NDArray values() {
            return Slices.narrow(values, 2, 0, length);
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
