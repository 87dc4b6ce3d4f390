package io.vqstudio.bridge.vq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * ViT-VQGAN's factorized, l2-normalised vector quantizer (Yu et al. 2022, Sec. 3.2). Encoder
 * outputs z (B, T, d) are projected to a low lookup dimension c, l2-normalised, and matched to the
 * l2-normalised codebook (K, c) by cosine similarity; the chosen codes go back to width d. Loss:
 * ||sg[z] - e||^2 + beta ||z - sg[e]||^2 (means over elements), straight-through gradients.
 * With factorisation off (c = d) the projections are identities (up to a change of width); with l2 off the match is by
 * Euclidean distance, as in VQ-VAE.
 */
public final class VectorQuantizer extends Module {

    /**
     * Rows of the similarity matrix per product in the nearest-code search: 256 x 8192 floats (8 MB)
     * at a time, which stays clear of libtorch's slow allocation of large fresh tensors; the ids do
     * not depend on the slicing (the figures are in the README's Benchmarks).
     */
    private static final int MATCH_ROWS = 256;

    private final QuantizerSpec spec;
    private final Linear projIn;   // null when c == d
    private final Linear projOut;
    private final NDArray codebook; // (K, c)

    /**
     * @param inWidth  the encoder's width d
     * @param outWidth the decoder's width (ViT-VQGAN's SL pairs a Small encoder with a Large decoder)
     */
    public VectorQuantizer(NDManager m, int inWidth, int outWidth, QuantizerSpec spec) {
        this.spec = spec;
        this.projIn = spec.lookupDim() != inWidth ? child("proj_in", new Linear(m, inWidth, spec.lookupDim())) : null;
        this.projOut = spec.lookupDim() != outWidth ? child("proj_out", new Linear(m, spec.lookupDim(), outWidth)) : null;
        // The paper initialises codes from a normal distribution; without l2 we keep them small
        // and near the projected encoder outputs, as VQ-VAE implementations do.
        float std = spec.l2() ? 1f : 1f / spec.codebookSize();
        this.codebook = param("codebook", Init.normal(m, std, spec.codebookSize(), spec.lookupDim()));
    }

    public QuantizerSpec spec() {
        return spec;
    }

    /** z (B, T, d) -> quantized (B, T, d), indices (B, T), loss. */
    public Quantized forward(NDArray z) {
        z = float32(z); // matching and code vectors stay in float32: nearest codes flip in float16
        long b = z.getShape().get(0), t = z.getShape().get(1);
        NDArray ze = lookupSpace(z);                                    // (B, T, c)
        NDArray codes = codes(ze.getManager());                         // (K, c)
        NDArray indices = nearest(ze, codes);                           // (N)
        NDArray e = codes.get(indices).reshape(b, t, spec.lookupDim()); // (B, T, c)
        NDArray codebookLoss = ze.stopGradient().sub(e).square().mean();
        NDArray commitLoss = ze.sub(e.stopGradient()).square().mean();
        NDArray loss = codebookLoss.add(Scalars.mul(commitLoss, spec.beta()));
        NDArray st = ze.add(e.sub(ze).stopGradient());                  // straight-through: value e, gradient to ze
        return new Quantized(back(st), indices.reshape(b, t), loss);
    }

    /** z (B, T, d) -> the ids of the nearest codes (B, T), and nothing else: no loss, no vectors. */
    public NDArray indices(NDArray z) {
        z = float32(z);
        long b = z.getShape().get(0), t = z.getShape().get(1);
        NDArray ze = lookupSpace(z);                                    // (B, T, c)
        return nearest(ze, codes(ze.getManager())).reshape(b, t);
    }

    /**
     * Lookup-space vectors ze (B, T, c) and codes (K, c) -> the nearest code of each vector, (N) with
     * N = B * T. The (N, K) similarities are formed {@link #MATCH_ROWS} rows at a time, so that they
     * stay in the cache between the product and the arg-max.
     */
    private NDArray nearest(NDArray ze, NDArray codes) {
        NDArray flat = ze.reshape(-1, spec.lookupDim()).stopGradient(); // (N, c)
        NDArray book = codes.stopGradient().transpose();                 // (c, K)
        NDArray sqNorms = spec.l2() ? null : book.square().sum(new int[] {0}).expandDims(0); // (1, K)
        long n = flat.getShape().get(0);
        NDList parts = new NDList();
        for (long i = 0; i < n; i += MATCH_ROWS) {
            NDArray rows = flat.get(new NDIndex("{}:{}", i, Math.min(n, i + MATCH_ROWS))); // (rows, c)
            try (NDArray sim = rows.matMul(book)) {                      // (rows, K)
                if (spec.l2()) {
                    parts.add(sim.argMax(1));                            // max cosine similarity
                } else {
                    try (NDArray dist = sqNorms.sub(sim.mul(2))) {       // ||e||^2 - 2 z.e (||z||^2 is constant per row)
                        parts.add(dist.argMin(1));
                    }
                }
            }
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts);
    }

    /** Code ids (B, T) -> quantized vectors at model width (B, T, d). */
    public NDArray lookup(NDArray indices) {
        return back(codeVectors(indices));
    }

    /** Code ids (B, T) -> their vectors in the lookup space (B, T, c). */
    public NDArray codeVectors(NDArray indices) {
        long b = indices.getShape().get(0), t = indices.getShape().get(1);
        return codes(indices.getManager()).get(indices.flatten()).reshape(b, t, spec.lookupDim());
    }

    /** The codebook as matched: (K, c), l2-normalised when l2 is on; owned by {@code m}. */
    public NDArray codes(NDManager m) {
        NDArray c = spec.l2() ? codebook.normalize(2, 1, 1e-6) : codebook.duplicate();
        c.attach(m); // an expression that starts from a parameter would otherwise stay in the model's manager
        return c;
    }

    /** z (B, T, d) -> its lookup-space vectors (B, T, c), l2-normalised when l2 is on. */
    public NDArray lookupSpace(NDArray z) {
        z = float32(z);
        NDArray ze = projIn == null ? z : projIn.forward(z);
        return spec.l2() ? ze.normalize(2, 2, 1e-6) : ze;
    }

    private static NDArray float32(NDArray z) {
        return z.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32 ? z
                : z.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
    }

    /** Lookup-space vectors (B, T, c) -> model width (B, T, d): the projection out, if factorised. */
    public NDArray back(NDArray e) {
        return projOut == null ? e : projOut.forward(e);
    }

    /**
     * Data-dependent initialisation: every code becomes the lookup-space vector of a randomly chosen
     * encoder output (plus a little noise), so that all codes start where the data are. Deviation
     * from the paper, which draws codes from a normal distribution: on small models and batches that
     * leaves most codes far from every encoder output, never chosen and never updated (see
     * vector-quantize-pytorch's kmeans_init and Jukebox for the same remedy). The picks are uniform,
     * not spread as restarts are: an untrained encoder's outliers are no guide to where the data will
     * need codes, and codes that start crowded are restarted apart. Call once, before training,
     * outside gradient recording.
     *
     * @param z encoder outputs (B, T, d) of a first batch
     */
    public void initFromData(NDArray z, Random rnd) {
        int c = spec.lookupDim();
        float[] ze = lookupSpace(z).toFloatArray();                    // (N * c)
        int[] all = IntStream.range(0, spec.codebookSize()).toArray();
        float[] book = new float[spec.codebookSize() * c];
        place(all, ze, rnd.ints(all.length, 0, ze.length / c).toArray(), book, rnd);
        InPlace.set(codebook, book);
    }

    /**
     * Moves the given (dead) codes onto lookup-space vectors of {@code z}, plus a little noise, as
     * Jukebox and later VQ trainers restart codes that no input chooses. The vectors are drawn by D²
     * sampling against the live codes ({@link SpreadPicks}): the outputs the codebook serves worst are
     * the likeliest, so a restarted code takes a region of its own instead of one a live code holds.
     * Deviation from the paper, which keeps dead codes; switched by {@link QuantizerSpec#restartEvery()}.
     * Outside gradient recording; the optimiser's moments of these rows should be reset too.
     *
     * @param dead code ids
     * @param z    encoder outputs (B, T, d) of a current batch
     */
    public void restart(int[] dead, NDArray z, Random rnd) {
        int c = spec.lookupDim();
        float[] ze = lookupSpace(z).toFloatArray();                    // (N * c)
        float[] book = codebook.toFloatArray();                         // (K * c)
        float[] matched;
        try (NDArray codes = codes(codebook.getManager())) {
            matched = codes.toFloatArray();                             // as the search sees them
        }
        boolean[] isDead = new boolean[spec.codebookSize()];
        for (int code : dead) {
            isDead[code] = true;
        }
        float[] live = new float[matched.length];
        int at = 0;
        for (int k = 0; k < spec.codebookSize(); k++) {
            if (!isDead[k]) {
                System.arraycopy(matched, k * c, live, at, c);
                at += c;
            }
        }
        live = Arrays.copyOf(live, at);
        place(dead, ze, SpreadPicks.pick(ze, c, live, dead.length, rnd), book, rnd);
        InPlace.set(codebook, book);
    }

    /**
     * Writes vector {@code from[i]} of ze, plus noise, into code {@code codes[i]} of book. The noise
     * (which parts codes placed on one vector) is a twentieth of the vectors' own spread: encoder
     * outputs can fill a small cap of the sphere, and noise of a fixed size would throw codes out
     * of it, where no input ever chooses them.
     */
    private void place(int[] codes, float[] ze, int[] from, float[] book, Random rnd) {
        int c = spec.lookupDim();
        float scale = 0.05f * (float) spread(ze, c);
        for (int i = 0; i < codes.length; i++) {
            for (int j = 0; j < c; j++) {
                book[codes[i] * c + j] = ze[from[i] * c + j] + scale * (float) rnd.nextGaussian();
            }
        }
    }

    /** The root-mean-square distance of rows (n, c) from their mean, per dimension. */
    private static double spread(float[] v, int c) {
        int n = v.length / c;
        double[] mean = new double[c];
        for (int i = 0; i < v.length; i++) {
            mean[i % c] += v[i] / (double) n;
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - mean[i % c];
            s += d * d;
        }
        return Math.sqrt(s / Math.max(1, v.length));
    }

    /** The codebook parameter's name in {@link #parameters()} (for resetting its optimiser rows). */
    public static final String CODEBOOK = "codebook";

    /** For tests: the raw (unnormalised) codebook parameter. */
    NDArray rawCodebook() {
        return codebook;
    }

}
