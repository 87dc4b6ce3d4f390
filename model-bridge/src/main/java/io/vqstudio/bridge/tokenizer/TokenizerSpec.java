package io.vqstudio.bridge.tokenizer;

import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;
import static io.vqstudio.bridge.io.SpecLimits.MAX_PATCH;
import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.known;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.vit.ViTSize;
import io.vqstudio.bridge.vq.QuantizerSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a stage-1 model; saved as {@code spec.json} beside every checkpoint, so
 * loading needs nothing else. ViT fields ({@code patchSize, encoder, decoder}) are null for the CNN
 * architectures and {@code cnn} is null for ViT-VQGAN.
 *
 * <p>Built only with every field present and within {@link io.vqstudio.bridge.io.SpecLimits}, and a
 * patch (or CNN factor) that divides the resolution into a grid of at most {@code MAX_GRID} tokens a
 * side; otherwise a {@link SpecException} names the field.
 */
public record TokenizerSpec(String name, Architecture architecture, int resolution, Integer patchSize,
                            ViTSize encoder, ViTSize decoder, CnnSpec cnn, QuantizerSpec quantizer, LossSpec loss) {

    public TokenizerSpec {
        present("name", name);
        known("architecture", architecture, Architecture.class);
        range("resolution", resolution, 1, MAX_RESOLUTION);
        present("quantizer", quantizer);
        present("loss", loss);
        String cell; // the field that sets the side of a token
        int side;
        if (architecture == Architecture.VIT_VQGAN) {
            side = range("patchSize", present("patchSize", patchSize), 1, MAX_PATCH);
            present("encoder", encoder);
            present("decoder", decoder);
            cell = "patchSize";
        } else {
            side = present("cnn", cnn).factor();
            cell = "cnn.channelMult";
        }
        if (resolution % side != 0) {
            throw new SpecException(cell, "gives tokens of " + side + " pixels a side, which do not divide the resolution ("
                    + resolution + ")");
        }
        if (resolution / side > MAX_GRID) {
            throw new SpecException(cell, "gives a " + resolution / side + " x " + resolution / side
                    + " token grid; at most " + MAX_GRID + " a side");
        }
    }

    /** Estimated weights and one image's activations, to refuse a model this machine cannot hold before building it. */
    public Footprint footprint() {
        long tokens = (long) gridSize() * gridSize();
        long codebook = quantizer.parameters();
        long distances = 4 * tokens * quantizer.codebookSize(); // the (T, K) distances to every code
        if (architecture != Architecture.VIT_VQGAN) {
            long cnnWeights = cnn.parameters() + (long) cnn.zChannels() * quantizer.lookupDim() * 2;
            long activations = cnn.activationBytes(resolution) + distances;
            return new Footprint(cnnWeights + codebook, activations, activations > 4 * (cnnWeights + codebook)
                    ? "resolution" : codebook > cnnWeights ? "quantizer.codebookSize" : "cnn");
        }
        long pixels = 3L * patchSize * patchSize;
        long enc = encoder.parameters(tokens) + pixels * encoder.width() + (long) encoder.width() * quantizer.lookupDim();
        long dec = decoder.parameters(tokens) + 2 * pixels * decoder.width() + (long) decoder.width() * quantizer.lookupDim();
        long activations = Math.max(encoder.activationBytes(tokens), decoder.activationBytes(tokens)) + distances;
        String heaviest = activations > 4 * (enc + dec + codebook) ? "resolution"
                : codebook > Math.max(enc, dec) ? "quantizer.codebookSize" : enc >= dec ? "encoder" : "decoder";
        return new Footprint(enc + dec + codebook, activations, heaviest);
    }

    /** Side of the token grid. */
    public int gridSize() {
        return architecture == Architecture.VIT_VQGAN ? resolution / patchSize : resolution / cnn.factor();
    }

    /** The named presets: the paper's (256x256, p = 8), CPU ones for 64x64 photos, tiny ones for tests. */
    public static Map<String, TokenizerSpec> presets() {
        Map<String, TokenizerSpec> p = new LinkedHashMap<>();
        QuantizerSpec q = QuantizerSpec.defaults();
        p.put("vit-ss", vit("vit-ss", 256, 8, ViTSize.SMALL, ViTSize.SMALL, q));
        p.put("vit-bb", vit("vit-bb", 256, 8, ViTSize.BASE, ViTSize.BASE, q));
        p.put("vit-sl", vit("vit-sl", 256, 8, ViTSize.SMALL, ViTSize.LARGE, q));
        p.put("vit-cpu", vit("vit-cpu", 64, 4, ViTSize.CPU, ViTSize.CPU, q));
        p.put("vit-tiny", vit("vit-tiny", 16, 4, ViTSize.TINY, ViTSize.TINY, q.withCodebookSize(64).withLookupDim(8)));
        // Taming's baseline keeps its plain codebook: matched at the bottleneck width, not normalised.
        p.put("cnn-cpu", new TokenizerSpec("cnn-cpu", Architecture.CNN_VQGAN, 64, null, null, null, CnnSpec.cpu(),
                q.withLookupDim(CnnSpec.cpu().zChannels()).withL2(false), LossSpec.taming()));
        p.put("vqvae-cpu", new TokenizerSpec("vqvae-cpu", Architecture.VQVAE, 64, null, null, null, CnnSpec.cpu(),
                q.withLookupDim(CnnSpec.cpu().zChannels()).withL2(false), LossSpec.vqvae()));
        p.put("cnn-tiny", new TokenizerSpec("cnn-tiny", Architecture.CNN_VQGAN, 16, null, null, null, CnnSpec.tiny(),
                q.withCodebookSize(64).withLookupDim(8), LossSpec.taming()));
        p.put("vqvae-tiny", new TokenizerSpec("vqvae-tiny", Architecture.VQVAE, 16, null, null, null, CnnSpec.tiny(),
                q.withCodebookSize(64).withLookupDim(CnnSpec.tiny().zChannels()).withL2(false), LossSpec.vqvae()));
        return p;
    }

    public static TokenizerSpec preset(String name) {
        TokenizerSpec s = presets().get(name);
        if (s == null) {
            throw new IllegalArgumentException("Unknown tokenizer preset '" + name + "'. Presets: "
                    + String.join(", ", presets().keySet()));
        }
        return s;
    }

    private static TokenizerSpec vit(String name, int res, int p, ViTSize enc, ViTSize dec, QuantizerSpec q) {
        return new TokenizerSpec(name, Architecture.VIT_VQGAN, res, p, enc, dec, null, q, LossSpec.vitVqgan());
    }

    public TokenizerSpec withQuantizer(QuantizerSpec q) {
        return new TokenizerSpec(name, architecture, resolution, patchSize, encoder, decoder, cnn, q, loss);
    }

    public TokenizerSpec withLoss(LossSpec l) {
        return new TokenizerSpec(name, architecture, resolution, patchSize, encoder, decoder, cnn, quantizer, l);
    }

    /** ViT-VQGAN with a decoder of {@code layers} blocks (the paper's asymmetric sizes, e.g. small encoder, large decoder). */
    public TokenizerSpec withDecoderLayers(int layers) {
        if (architecture != Architecture.VIT_VQGAN) {
            throw new IllegalArgumentException("only ViT-VQGAN's decoder is made of blocks; " + name + " is " + architecture);
        }
        ViTSize d = new ViTSize(layers, decoder.width(), decoder.heads(), decoder.mlpDim());
        return new TokenizerSpec(name, architecture, resolution, patchSize, encoder, d, cnn, quantizer, loss);
    }

    /** ViT-VQGAN with an encoder of {@code layers} blocks. */
    public TokenizerSpec withEncoderLayers(int layers) {
        if (architecture != Architecture.VIT_VQGAN) {
            throw new IllegalArgumentException("only ViT-VQGAN's encoder is made of blocks; " + name + " is " + architecture);
        }
        ViTSize e = new ViTSize(layers, encoder.width(), encoder.heads(), encoder.mlpDim());
        return new TokenizerSpec(name, architecture, resolution, patchSize, e, decoder, cnn, quantizer, loss);
    }

    public TokenizerSpec withName(String n) {
        return new TokenizerSpec(n, architecture, resolution, patchSize, encoder, decoder, cnn, quantizer, loss);
    }
}
