package io.vqstudio.bridge.vit;

import static io.vqstudio.bridge.io.SpecLimits.MAX_PATCH;
import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vq.QuantizerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ViT-VQGAN (Yu et al., ICLR 2022) as we train it: a ViT encoder over p x p patches of a square
 * image, the factorized codebook, a ViT decoder; one token per patch.
 *
 * <p>Built only with every field present and within {@link io.vqstudio.bridge.io.SpecLimits}, and
 * a patch that divides the resolution into a grid of at most {@code MAX_GRID} tokens a side;
 * otherwise a {@link SpecException} names the field.
 */
public record ViTVqganSpec(String name, int resolution, int patchSize, ViTSize encoder, ViTSize decoder,
                           QuantizerSpec quantizer, LossSpec loss) implements TrainableTokenizerSpec {

    public static final String FAMILY = "vit-vqgan";

    public ViTVqganSpec {
        present("name", name);
        range("resolution", resolution, 1, MAX_RESOLUTION);
        range("patchSize", patchSize, 1, MAX_PATCH);
        present("encoder", encoder);
        present("decoder", decoder);
        present("quantizer", quantizer);
        present("loss", loss);
        TokenizerSpec.checkGrid("patchSize", patchSize, resolution);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public int gridSize() {
        return resolution / patchSize;
    }

    @Override
    public Footprint footprint() {
        long tokens = (long) gridSize() * gridSize();
        long codebook = quantizer.parameters();
        long distances = 4 * tokens * quantizer.codebookSize(); // the (T, K) distances to every code
        long pixels = 3L * patchSize * patchSize;
        long enc = encoder.parameters(tokens) + pixels * encoder.width() + (long) encoder.width() * quantizer.lookupDim();
        long dec = decoder.parameters(tokens) + 2 * pixels * decoder.width() + (long) decoder.width() * quantizer.lookupDim();
        long activations = Math.max(encoder.activationBytes(tokens), decoder.activationBytes(tokens)) + distances;
        String heaviest = activations > 4 * (enc + dec + codebook) ? "resolution"
                : codebook > Math.max(enc, dec) ? "quantizer.codebookSize" : enc >= dec ? "encoder" : "decoder";
        return new Footprint(enc + dec + codebook, activations, heaviest);
    }

    /** The paper's presets (256x256, p = 8), a CPU one for 64x64 photos, a tiny one for tests. */
    public static Map<String, ViTVqganSpec> presets() {
        Map<String, ViTVqganSpec> p = new LinkedHashMap<>();
        QuantizerSpec q = QuantizerSpec.defaults();
        p.put("vit-ss", new ViTVqganSpec("vit-ss", 256, 8, ViTSize.SMALL, ViTSize.SMALL, q, LossSpec.vitVqgan()));
        p.put("vit-bb", new ViTVqganSpec("vit-bb", 256, 8, ViTSize.BASE, ViTSize.BASE, q, LossSpec.vitVqgan()));
        p.put("vit-sl", new ViTVqganSpec("vit-sl", 256, 8, ViTSize.SMALL, ViTSize.LARGE, q, LossSpec.vitVqgan()));
        p.put("vit-cpu", new ViTVqganSpec("vit-cpu", 64, 4, ViTSize.CPU, ViTSize.CPU, q, LossSpec.vitVqgan()));
        // Fashion-MNIST (28x28 grey, resized to 32): 2x2 patches, so a 16x16 grid whose 256 codes,
        // 8 bits each, keep the garments' stitching and prints; a narrow ViT, trainable on two cores.
        // Half the tokens are plain background and the rest vary little, so dead codes are restarted
        // often. On the unit sphere encoder outputs cannot grow, which is what the commitment term
        // guards against, so it is kept weak and the outputs follow the reconstruction.
        p.put("vit-fmnist", new ViTVqganSpec("vit-fmnist", 32, 2, new ViTSize(3, 128, 4, 512), new ViTSize(4, 128, 4, 512),
                q.withCodebookSize(256).withLookupDim(8).withBeta(0.02f).withRestartEvery(50), LossSpec.vitVqgan()));
        p.put("vit-tiny", new ViTVqganSpec("vit-tiny", 16, 4, ViTSize.TINY, ViTSize.TINY,
                q.withCodebookSize(64).withLookupDim(8), LossSpec.vitVqgan()));
        return p;
    }

    @Override
    public ViTVqganSpec withQuantizer(QuantizerSpec q) {
        return new ViTVqganSpec(name, resolution, patchSize, encoder, decoder, q, loss);
    }

    @Override
    public ViTVqganSpec withLoss(LossSpec l) {
        return new ViTVqganSpec(name, resolution, patchSize, encoder, decoder, quantizer, l);
    }

    @Override
    public ViTVqganSpec withName(String n) {
        return new ViTVqganSpec(n, resolution, patchSize, encoder, decoder, quantizer, loss);
    }

    /** A decoder of {@code layers} blocks (the paper's asymmetric sizes, e.g. small encoder, large decoder). */
    public ViTVqganSpec withDecoderLayers(int layers) {
        ViTSize d = new ViTSize(layers, decoder.width(), decoder.heads(), decoder.mlpDim());
        return new ViTVqganSpec(name, resolution, patchSize, encoder, d, quantizer, loss);
    }

    /** An encoder of {@code layers} blocks. */
    public ViTVqganSpec withEncoderLayers(int layers) {
        ViTSize e = new ViTSize(layers, encoder.width(), encoder.heads(), encoder.mlpDim());
        return new ViTVqganSpec(name, resolution, patchSize, e, decoder, quantizer, loss);
    }
}
