/**
 * LlamaGen's class-conditional GPT priors (Sun et al., <i>Autoregressive Model Beats Diffusion: Llama for
 * Scalable Image Generation</i>, 2024; github.com/FoundationVision/LlamaGen, {@code autoregressive/models/gpt.py}
 * and {@code generate.py}) over the codes of LlamaGen's VQ-16 tokenizer ({@code io.vqstudio.bridge.llamagen}),
 * opened from the released {@code c2i_*.pt} files ({@code torch.save({"model": state_dict})}, float32 or
 * bfloat16 upcast exactly) for inference: the spec read off the weights ({@link io.vqstudio.bridge.llamagpt.LlamaGptSpec#infer}),
 * the model ({@link io.vqstudio.bridge.llamagpt.LlamaGpt}) and guided sampling with a KV cache
 * ({@link io.vqstudio.bridge.llamagpt.LlamaGptSampler}). Checked against logits and greedy generations
 * saved by LlamaGen's own code (test resources {@code reference/llamagen-gpt}).
 */
package io.vqstudio.bridge.llamagpt;
