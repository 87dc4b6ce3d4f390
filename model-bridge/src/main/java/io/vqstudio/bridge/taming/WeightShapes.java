package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.util.Arrays;

/**
 * The shapes of a state dict's weights under one prefix, for reading a spec off them: every missing
 * weight or unexpected rank is one {@link ImportException} line naming the file and the key.
 *
 * @param family what the file is opened as, for the messages ("taming VQGAN")
 */
public record WeightShapes(StateDict sd, String prefix, String family) {

    /** Largest index {@link #count} looks for. */
    static final int MAX_COUNT = 1024;

    public boolean has(String key) {
        return sd.tensors().containsKey(prefix + key);
    }

    /** The shape of {@code prefix + key}, which must have {@code dims} dimensions. */
    public long[] shape(String key, int dims) throws ImportException {
        TensorRef t = sd.tensors().get(prefix + key);
        if (t == null) {
            throw new ImportException(sd.file(), "has no weight '" + prefix + key + "'; it is not a " + family
                    + " of the layout this importer reads");
        }
        if (t.shape().length != dims) {
            throw new ImportException(sd.file(), "weight '" + prefix + key + "' has shape " + Arrays.toString(t.shape())
                    + ", not " + dims + "-dimensional");
        }
        return t.shape();
    }

    /** How many consecutive i from 0 have a weight {@code head + i + tail}; at least one, else the first is named as missing. */
    public int count(String head, String tail) throws ImportException {
        int n = 0;
        while (n < MAX_COUNT && has(head + n + tail)) {
            n++;
        }
        if (n == 0) {
            shape(head + 0 + tail, 4);
        }
        return n;
    }

    /** Channels of a 4-D convolution weight's output, checked to lie in 1..max. */
    public int outChannels(String key, int max) throws ImportException {
        long c = shape(key, 4)[0];
        if (c < 1 || c > max) {
            throw new ImportException(sd.file(), "weight '" + prefix + key + "' has " + c + " output channels; supported: 1.." + max);
        }
        return (int) c;
    }
}
