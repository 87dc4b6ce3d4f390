package io.vqstudio.bridge.cnn;

import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.vq.QuantizerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Taming's convolutional VQGAN (Esser et al. 2021), the ViT-VQGAN paper's baseline, as we train
 * it: {@link CnnSpec} encoder and decoder with attention at the lowest resolution, the spec's
 * quantizer, taming's losses. Built only with every field present and within bounds, and a
 * down-sampling factor that divides the resolution; otherwise a {@code SpecException} names the field.
 */
public record CnnVqganSpec(String name, int resolution, CnnSpec cnn, QuantizerSpec quantizer, LossSpec loss)
        implements CnnTokenizerSpec {

    public static final String FAMILY = "cnn-vqgan";

    public CnnVqganSpec {
        CnnTokenizerSpec.check(name, resolution, cnn, quantizer, loss);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public boolean attention() {
        return true;
    }

    /** A CPU preset for 64x64 photos and a tiny one for tests. */
    public static Map<String, CnnVqganSpec> presets() {
        Map<String, CnnVqganSpec> p = new LinkedHashMap<>();
        QuantizerSpec q = QuantizerSpec.defaults();
        // Taming's baseline keeps its plain codebook: matched at the bottleneck width, not normalised.
        p.put("cnn-cpu", new CnnVqganSpec("cnn-cpu", 64, CnnSpec.cpu(),
                q.withLookupDim(CnnSpec.cpu().zChannels()).withL2(false), LossSpec.taming()));
        p.put("cnn-tiny", new CnnVqganSpec("cnn-tiny", 16, CnnSpec.tiny(), q.withCodebookSize(64).withLookupDim(8),
                LossSpec.taming()));
        return p;
    }

    @Override
    public CnnVqganSpec with(String n, QuantizerSpec q, LossSpec l) {
        return new CnnVqganSpec(n, resolution, cnn, q, l);
    }
}
