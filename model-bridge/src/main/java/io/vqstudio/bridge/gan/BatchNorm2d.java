package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.Module;

/**
 * Batch normalisation over (B, H, W) per channel (Ioffe and Szegedy 2015), as PyTorch's
 * {@code nn.BatchNorm2d}: (B, C, H, W) -> (B, C, H, W). Training normalises with the batch's
 * statistics and folds them into the running mean and (unbiased) variance with momentum 0.1;
 * evaluation normalises with the running statistics. The running statistics are buffers: saved
 * with the model, never trained.
 *
 * <p>The affine weight starts at N(1, 0.02^2) and the bias at 0, taming-transformers'
 * {@code weights_init} for the PatchGAN discriminator.
 */
public final class BatchNorm2d extends Module {

    /** PyTorch's momentum 0.1; DJL counts it the other way round (the share of the old value kept). */
    private static final float DJL_MOMENTUM = 0.9f;
    private static final float EPS = 1e-5f;

    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;

    public BatchNorm2d(NDManager m, int channels) {
        this.gamma = param("weight", m.randomNormal(1f, 0.02f, new Shape(channels), DataType.FLOAT32));
        this.beta = param("bias", Init.zeros(m, channels));
        this.runningMean = buffer("running_mean", Init.zeros(m, channels));
        this.runningVar = buffer("running_var", Init.ones(m, channels));
    }

    /**
     * (B, C, H, W) -> (B, C, H, W). With {@code training} the running statistics are updated in
     * place (they stay in the model's manager; no new array is left there).
     */
    public NDArray forward(NDArray x, boolean training) {
        // Axis -1 is DJL's direct path to torch's batch_norm, which takes channels on axis 1.
        return ai.djl.nn.norm.BatchNorm.batchNorm(
                x, runningMean, runningVar, gamma, beta, -1, DJL_MOMENTUM, EPS, training).singletonOrThrow();
    }

    public NDArray runningMean() {
        return runningMean;
    }

    public NDArray runningVar() {
        return runningVar;
    }
}
