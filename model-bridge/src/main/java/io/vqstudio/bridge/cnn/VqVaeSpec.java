package io.vqstudio.bridge.cnn;

import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.vq.QuantizerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain VQ-VAE (van den Oord et al. 2017) as we train it: the {@link CnnSpec} encoder and decoder
 * without attention, a plain codebook at the bottleneck width, L2 and codebook losses only.
 * Built only with every field present and within bounds, and a down-sampling factor that divides
 * the resolution; otherwise a {@code SpecException} names the field.
 */
public record VqVaeSpec(String name, int resolution, CnnSpec cnn, QuantizerSpec quantizer, LossSpec loss)
        implements CnnTokenizerSpec {

    public static final String FAMILY = "vqvae";

    public VqVaeSpec {
        CnnTokenizerSpec.check(name, resolution, cnn, quantizer, loss);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public boolean attention() {
        return false;
    }

    /** A CPU preset for 64x64 photos and a tiny one for tests. */
    public static Map<String, VqVaeSpec> presets() {
        Map<String, VqVaeSpec> p = new LinkedHashMap<>();
        QuantizerSpec q = QuantizerSpec.defaults();
        p.put("vqvae-cpu", new VqVaeSpec("vqvae-cpu", 64, CnnSpec.cpu(),
                q.withLookupDim(CnnSpec.cpu().zChannels()).withL2(false), LossSpec.vqvae()));
        p.put("vqvae-tiny", new VqVaeSpec("vqvae-tiny", 16, CnnSpec.tiny(),
                q.withCodebookSize(64).withLookupDim(CnnSpec.tiny().zChannels()).withL2(false), LossSpec.vqvae()));
        return p;
    }

    @Override
    public VqVaeSpec with(String n, QuantizerSpec q, LossSpec l) {
        return new VqVaeSpec(n, resolution, cnn, q, l);
    }
}
