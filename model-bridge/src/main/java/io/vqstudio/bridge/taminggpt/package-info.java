/**
 * taming-transformers' class-conditional transformer (Esser, Rombach and Ommer, <i>Taming Transformers for
 * High-Resolution Image Synthesis</i>, CVPR 2021; github.com/CompVis/taming-transformers,
 * {@code taming/modules/transformer/mingpt.py} and {@code taming/models/cond_transformer.py}) as a prior
 * over the codes of the taming VQGAN stored in the same checkpoint ({@code first_stage_model.*}, opened by
 * {@code io.vqstudio.bridge.taming}), for inference: the spec read off the minGPT's weights
 * ({@code transformer.*}) and the project's yaml ({@link io.vqstudio.bridge.taminggpt.TamingGptSpec#infer}),
 * the model ({@link io.vqstudio.bridge.taminggpt.TamingGpt}), sampled and scored through
 * {@link io.vqstudio.bridge.prior.CausalPrior} with a KV cache. The class id is the first token of the
 * sequence and shares the token table with the codes, as taming's {@code Labelator} does; there is no
 * null class, so unconditional sampling and guidance are refused. Checked against logits and greedy
 * generations saved by taming's own code (test resources {@code reference/taming-cond-transformer}).
 */
package io.vqstudio.bridge.taminggpt;
