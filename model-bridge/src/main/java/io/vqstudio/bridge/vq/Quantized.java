package io.vqstudio.bridge.vq;

import ai.djl.ndarray.NDArray;

/**
 * What a quantizer returns.
 *
 * @param quantized (B, T, d) quantized vectors projected back to the model width; in training the
 *                  straight-through estimate, so gradients flow to the encoder
 * @param indices   (B, T) int64 code ids
 * @param loss      scalar codebook + beta * commitment loss; null when the codes are frozen
 *                  (a decoder fine-tune, {@code Tokenizer#quantizeFrozen})
 */
public record Quantized(NDArray quantized, NDArray indices, NDArray loss) {}
