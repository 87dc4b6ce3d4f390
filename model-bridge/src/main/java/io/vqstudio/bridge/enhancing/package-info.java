/**
 * Imports enhancing-transformers' ViT-VQGAN (thuanz123/enhancing-transformers, {@code ViTVQ}, an
 * unofficial implementation of Yu et al., "Vector-quantized Image Modeling with Improved VQGAN",
 * ICLR 2022): the published ImageNet models {@code imagenet_vitvq_small} and
 * {@code imagenet_vitvq_base} (256 px, patch 8, 32 x 32 tokens, 8,192 codes), and any other size
 * trained with that code.
 *
 * <h2>What it accepts</h2>
 * A PyTorch Lightning checkpoint ({@code .ckpt}) or a bare state dict ({@code .pt}, {@code .pth},
 * safetensors) saved by that project, read by {@link io.vqstudio.bridge.torchsave.TorchFile}
 * (which never runs anything the file names). The file is recognised by its weights, never by its
 * name: {@link io.vqstudio.bridge.enhancing.ShapeInference} reads every size from the tensor shapes
 * and, where the project's config ({@code configs/<name>.yaml}, e.g. {@code imagenet_vitvq_small.yaml})
 * lies beside it, takes the one thing the shapes cannot tell, how attention's width splits into
 * heads, from there; without one it assumes the reference's default head width 64, which the
 * published configs use. Sizes equal to a published model's are named after it. The keys of the
 * reference's earlier layout ({@code encoder.norm}, {@code decoder.to_pixel.conv_out}) are read too.
 * The training loss's weights ({@code loss.*}: LPIPS and the discriminator) are ignored.
 * {@link io.vqstudio.bridge.enhancing.EnhancingVitvq#load} then builds the model and copies the
 * weights, refusing in one line a file whose weights do not fit.
 *
 * <h2>Ranges</h2>
 * The reference's images are in [0, 1] (torchvision's ToTensor), ours in [-1, 1]; the model converts
 * at its {@link io.vqstudio.bridge.tokenizer.ImageTokenizer} boundary, exactly for 8-bit images.
 *
 * <h2>Licences</h2>
 * The reference code is published under the MIT licence (Copyright (c) 2022 Thuan H. Nguyen); no
 * code of it is copied here, only its computation is followed. We know of no separate licence for the
 * published weights: they were trained on ImageNet (ILSVRC-2012), whose terms of access allow
 * non-commercial research and education only, and such terms may be held to reach models trained on
 * it. Whoever imports them should check the terms under which they obtained the files.
 */
package io.vqstudio.bridge.enhancing;
