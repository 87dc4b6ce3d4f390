package io.vqstudio.bridge.core;

/**
 * One resampled or sampled grid with its log-likelihood under the prior (nats, summed over the
 * cells that were sampled; higher is more likely).
 */
public record Candidate(TokenGrid grid, double logLikelihood) {}
