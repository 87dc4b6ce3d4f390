package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation (Wu and He 2018), which DJL lacks: channels split into groups, each group
 * normalised over (C/G, H, W), then a per-channel affine. (B, C, H, W) -> (B, C, H, W).
 */
public final class GroupNorm extends Module {

    private final int groups;
    private final NDArray gamma;
    private final NDArray beta;

    public GroupNorm(NDManager m, int groups, int channels) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.gamma = param("weight", Init.ones(m, channels));
        this.beta = param("bias", Init.zeros(m, channels));
    }

    /** Computed in float32 for float16 inputs, as autocast does. */
    public NDArray forward(NDArray x) {
        return inFloat32(x, this::normalize);
    }

    private NDArray normalize(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1);
        NDArray g = x.reshape(b, groups, -1);                           // (B, G, C/G*H*W)
        long n = g.getShape().get(2);
        // The engine's layer_norm needs an affine; an identity one, owned by the input's manager.
        NDArray one = x.getManager().ones(new Shape(n), x.getDataType());
        NDArray zero = x.getManager().zeros(new Shape(n), x.getDataType());
        NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(g, new Shape(n), one, zero, 1e-6f)
                .singletonOrThrow().reshape(s);
        // normed is ours alone: the affine goes into it at inference (Reuse)
        return Reuse.add(Reuse.mul(normed, view(gamma, x, 1, c, 1, 1)), view(beta, x, 1, c, 1, 1));
    }
}
