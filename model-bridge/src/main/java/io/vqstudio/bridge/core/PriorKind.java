package io.vqstudio.bridge.core;

/** The two stage-2 priors. */
public enum PriorKind {
    /** The paper's VIM: a decoder-only transformer, raster order, with a KV cache. */
    AR,
    /** MaskGIT: a bidirectional transformer with iterative parallel decoding. */
    MASKGIT
}
