package io.vqstudio.bridge.enhancing;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's weights of an enhancing-transformers checkpoint under the names of the reference's
 * current layout. Earlier revisions of the reference kept the final LayerNorm beside the
 * transformer ({@code encoder.norm}, {@code decoder.norm}) and named the decoder's last layer
 * {@code decoder.to_pixel.conv_out}; the computation is the same, so those keys are renamed.
 * The training loss ({@code loss.*}: LPIPS, the discriminator) is already set aside by
 * {@link StateDict}.
 */
final class CheckpointKeys {

    private static final List<String[]> RENAMED = List.of(
            new String[] {"encoder.norm.", "encoder.transformer.norm."},
            new String[] {"decoder.norm.", "decoder.transformer.norm."},
            new String[] {"decoder.to_pixel.conv_out.", "decoder.to_pixel.1."});

    private CheckpointKeys() {}

    /** Weights by current-layout name, in file order. */
    static Map<String, TensorRef> of(StateDict sd) throws ImportException {
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : sd.tensors().entrySet()) {
            String key = current(e.getKey());
            if (out.put(key, e.getValue()) != null) {
                throw new ImportException("the checkpoint holds both '" + key + "' and its older name");
            }
        }
        return out;
    }

    private static String current(String key) {
        for (String[] r : RENAMED) {
            if (key.startsWith(r[0])) {
                return r[1] + key.substring(r[0].length());
            }
        }
        return key;
    }

    /** "name [d0, d1]" for messages. */
    static String describe(String key, long[] shape) {
        return key + " " + Arrays.toString(shape);
    }
}
