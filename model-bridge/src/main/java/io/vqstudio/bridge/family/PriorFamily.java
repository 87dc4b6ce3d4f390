package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorSpec;
import java.util.function.BiFunction;

/**
 * One prior family as the registry knows it. There is one today: the transformer over code grids
 * that both AR and MaskGIT priors are (its spec's {@code kind} picks the objective and sampler).
 *
 * @param name     the {@code family} written in spec.json
 * @param specType the family's spec record
 * @param builder  a fresh prior of a spec, its parameters in the manager
 */
public record PriorFamily(String name, Class<PriorSpec> specType, BiFunction<NDManager, PriorSpec, Prior> builder) {}
