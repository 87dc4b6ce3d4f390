package io.vqstudio.bridge.tokenizer;

/** Which stage-1 model a spec builds. */
public enum Architecture {
    /** ViT-VQGAN (Yu et al. 2022): ViT encoder/decoder, factorized l2 codebook. */
    VIT_VQGAN,
    /** Taming Transformers' convolutional VQGAN (Esser et al. 2021), the paper's baseline. */
    CNN_VQGAN,
    /** A plain VQ-VAE (van den Oord et al. 2017): the CNN with L2 and codebook losses only. */
    VQVAE
}
