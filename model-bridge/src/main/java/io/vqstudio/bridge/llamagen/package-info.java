/**
 * LlamaGen's VQ image tokenizers (Sun et al., <i>Autoregressive Model Beats Diffusion: Llama for
 * Scalable Image Generation</i>, 2024; github.com/FoundationVision/LlamaGen), opened from their
 * released checkpoints for inference through the engine's
 * {@link io.vqstudio.bridge.tokenizer.ImageTokenizer} contract. The network is taming's CNN under
 * LlamaGen's key names with an 8-wide, l2-normalised codebook; the blocks come from
 * {@code io.vqstudio.bridge.cnn}, the codebook and code search from {@code io.vqstudio.bridge.taming},
 * the loading from {@code io.vqstudio.bridge.imports}.
 *
 * <h2>Files it accepts</h2>
 * {@code torch.save({"model": state_dict})} files as LlamaGen releases them, and its training
 * checkpoints (the same {@code model} entry beside the optimizer and discriminator, which are left
 * out), float32 or float16 (upcast exactly): by published name {@code vq_ds16_c2i.pt} (256 px -> 16x16,
 * and at 384 px -> 24x24 as LlamaGen's 384 px generators use it), {@code vq_ds8_c2i.pt} (256 px ->
 * 32x32) and {@code vq_ds16_t2i.pt} ({@link io.vqstudio.bridge.llamagen.LlamaGenVqSpec#presets()}),
 * and any other size of the same {@code VQModel}: LlamaGen writes no config, so everything is read off
 * the weights' shapes ({@link io.vqstudio.bridge.llamagen.LlamaGenVqSpec#infer}) and the resolution is
 * 256 px unless the caller sets another. {@code quantize.codebook_used}, a training statistic, is
 * left out.
 *
 * <h2>Licence of the weights</h2>
 * LlamaGen's README states that the majority of the project is under the MIT licence, portions under
 * the licences of the projects they come from; the tokenizer weights are published beside the code
 * (on the Hugging Face hub under FoundationVision/LlamaGen) with no other terms stated in the README,
 * so MIT is what the project states for them. They were trained on ImageNet (the c2i tokenizers) and
 * on LAION-COCO plus internal data (the t2i one).
 */
package io.vqstudio.bridge.llamagen;
