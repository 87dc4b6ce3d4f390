package io.vqstudio.bridge.io;

/**
 * Where an imported model's weights came from, kept in its spec.json: the file it was converted
 * from (name, size, SHA-256, so anyone can check it is the published one) and the project that
 * published it.
 *
 * @param file    the source file's name
 * @param bytes   its size
 * @param sha256  its SHA-256, in hex
 * @param project the project that published it, with where
 * @param format  how it was stored: a torch.save zip, the legacy torch.save format, or safetensors
 */
public record Origin(String file, long bytes, String sha256, String project, String format) {}
