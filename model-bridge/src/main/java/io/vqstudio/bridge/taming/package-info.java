/**
 * taming-transformers' VQGAN (Esser, Rombach and Ommer, <i>Taming Transformers for High-Resolution
 * Image Synthesis</i>, CVPR 2021; github.com/CompVis/taming-transformers), opened from its own
 * checkpoints for inference through the engine's {@link io.vqstudio.bridge.tokenizer.ImageTokenizer}
 * contract, and the pieces the other imported CNN family (LlamaGen's VQ) shares with it.
 *
 * <h2>Files it accepts</h2>
 * The Lightning checkpoints taming publishes and trains, {@code <name>/checkpoints/last.ckpt} (zip or
 * legacy {@code torch.save}), read with {@link io.vqstudio.bridge.torchsave.TorchFile}, never with
 * Python's unpickler: by published name {@code vqgan_imagenet_f16_1024} and
 * {@code vqgan_imagenet_f16_16384} ({@link io.vqstudio.bridge.taming.TamingVqganSpec#presets()}), and
 * any {@code taming.models.vqgan.VQModel} of another size (any {@code ch}, {@code ch_mult},
 * {@code num_res_blocks}, {@code attn_resolutions}, {@code z_channels}, codebook), including the first
 * stage of a taming transformer ({@code first_stage_model.*}). The network is read off the weights'
 * shapes; {@code configs/model.yaml} (or taming's {@code configs/<date>-project.yaml}) beside the
 * checkpoint, when present, must agree with them and gives the resolution
 * ({@link io.vqstudio.bridge.taming.TamingVqganSpec#infer}). The training loss's weights ({@code loss.*}:
 * LPIPS, the discriminator) and the optimizer state are left out. Other taming models (the Gumbel and EMA
 * quantizers, KL autoencoders) are refused in one line: by their config's target or {@code double_z}, by
 * the Gumbel quantizer's weight names, or as weights that do not fit.
 *
 * <h2>Licence of the weights</h2>
 * taming-transformers' code is published under the MIT licence (its LICENSE file). Its README links
 * the pretrained checkpoints without stating a separate licence for them, so the MIT terms are the
 * only ones the project states; a user redistributing the weights should check the source they got
 * them from. The weights were trained on ImageNet (and other data sets for other models), whose own
 * terms restrict use of the images, not of models trained on them, as far as the project says.
 */
package io.vqstudio.bridge.taming;
