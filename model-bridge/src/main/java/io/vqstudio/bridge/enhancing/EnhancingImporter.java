package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Importer;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.Keys;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/** Reads enhancing-transformers' ViT-VQGAN checkpoints; see the package documentation. */
public final class EnhancingImporter implements Importer<EnhancingVitvqSpec> {

    @Override
    public String project() {
        return "enhancing-transformers (Thuan H. Nguyen; github.com/thuanz123/enhancing-transformers), an unofficial"
                + " ViT-VQGAN (Yu et al. 2022)";
    }

    @Override
    public String licence() {
        return "The code is published under the MIT licence (Copyright (c) 2022 Thuan H. Nguyen); no separate licence"
                + " for the weights is known. They were trained on ImageNet, whose terms of access allow non-commercial"
                + " research and education only; check the terms under which you obtained the files.";
    }

    /** The encoder's stored positions ({@code encoder.en_pos_embedding}) and the {@code pre_quant} projection. */
    @Override
    public boolean recognises(StateDict sd) {
        return Keys.hasKey(sd, "encoder.en_pos_embedding") || Keys.hasKey(sd, "pre_quant.");
    }

    @Override
    public Path configBeside(Path checkpoint) {
        return Keys.configBeside(checkpoint, "model.yaml");
    }

    @Override
    public Inferred<EnhancingVitvqSpec> infer(StateDict sd, Path configOrNull) throws IOException {
        try {
            ShapeInference.Inferred found = ShapeInference.infer(sd, configOrNull);
            return new Inferred<>(found.spec(), found.explanation());
        } catch (ImportException e) { // the inference's refusals name the weight or the config, not the checkpoint
            throw new ImportException(sd.file(), e.getMessage());
        }
    }

    /** Only its own side: the stored positions fix the token grid, and the patch its pixels. */
    @Override
    public EnhancingVitvqSpec atResolution(StateDict sd, EnhancingVitvqSpec spec, int side) throws ImportException {
        if (side != spec.resolution()) {
            throw new ImportException(sd.file(), "runs at " + spec.resolution() + " px only: its stored positions fix a "
                    + spec.gridSize() + "x" + spec.gridSize() + " grid of " + spec.patchSize() + " px patches");
        }
        return spec;
    }

    @Override
    public ImageTokenizer load(StateDict sd, EnhancingVitvqSpec spec, NDManager m) throws IOException {
        return EnhancingVitvq.load(sd, spec, m);
    }
}
