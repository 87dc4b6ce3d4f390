package io.vqstudio.bridge.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.InputStream;

/**
 * softmax(q k^T / sqrt(Dh) + mask) v in one fused libtorch kernel ({@code scaled_dot_product_attention},
 * "FlashAttention"-style blocked online softmax on CPU), forward and backward, reached through a tiny
 * TorchScript module ({@code fused_attention.pt}, written by {@code src/main/python/make_fused_attention.py})
 * because DJL's Java API does not expose the op. The unfused chain writes and reads the (B, H, T, T)
 * scores four times per pass (scale, mask, softmax, dropout); the kernel keeps them in cache-sized blocks,
 * and under its causal flag skips the blocks above the diagonal. Every full-sequence attention of the
 * tokenizers and priors calls it ({@link Attention}, the CNN's {@code AttnBlock} and the imported
 * families' attentions); the KV-cache steps do not (see {@link Attention#forwardCached}).
 *
 * <p>libtorch's CPU kernel is blocked only without attention dropout and with each q, k, v row
 * contiguous (last stride 1); otherwise the op runs its composite path, which writes the scores out
 * like the unfused chain (one call instead of several, but no saving in memory traffic). Callers
 * hand it row-major arrays for that reason; training with attention dropout takes the composite path.
 *
 * <p>The module is loaded once per process. When it cannot load (another engine, a libtorch
 * without the op, a damaged resource) {@link #attend} returns null after one notice on stderr and
 * callers run their unfused path: a missing speed-up, never a failure. It is called through
 * {@code Block.forward(..., training=true)}, so it records a graph whenever grad mode is on
 * ({@code runMethod} would run in inference mode, whose outputs cannot be trained through).
 */
public final class FusedAttention {

    static final String RESOURCE = "fused_attention.pt";

    private static volatile boolean enabled = !Boolean.getBoolean("vqstudio.unfusedAttention");
    private static volatile boolean tried;
    private static final java.util.Set<DataType> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static NDManager base;
    private static PtSymbolBlock module;
    private static ParameterStore store;
    // The module's constant arguments, made once on the CPU (it only reads them as numbers): an
    // empty mask (none), dropout 0, and the causal flag off and on.
    private static NDArray noMask;
    private static NDArray noDropout;
    private static NDArray notCausal;
    private static NDArray isCausal;

    private FusedAttention() {}

    /**
     * Turns the fused kernel on or off for the whole process (benchmarks compare both; the
     * system property {@code vqstudio.unfusedAttention=true} starts with it off).
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether {@link #attend} uses the fused kernel: enabled and loaded (loading it on first ask). */
    public static boolean active() {
        return enabled && load();
    }

    /**
     * @param q, k, v  (B, H, T, Dh) queries and (B, H, S, Dh) keys and values, one floating type
     * @param mask     additive (T, S) mask (0 or -inf) in q's type, or null for full attention
     * @param dropoutP attention-probability dropout rate; 0 outside training
     * @return (B, H, T, Dh) owned by q's manager, or null when the fused kernel is off or unavailable
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, float dropoutP) {
        return call(q, k, v, mask, dropoutP, false);
    }

    /**
     * Causal attention, query i seeing keys 0..i, without a mask array: the kernel skips the blocks
     * above the diagonal (about half the work) where an additive mask would be read and added.
     *
     * @param q, k, v  (B, H, T, Dh), one floating type
     * @param dropoutP attention-probability dropout rate; 0 outside training
     * @return (B, H, T, Dh) owned by q's manager, or null when the fused kernel is off or unavailable
     */
    public static NDArray attendCausal(NDArray q, NDArray k, NDArray v, float dropoutP) {
        return call(q, k, v, null, dropoutP, true);
    }

    private static NDArray call(NDArray q, NDArray k, NDArray v, NDArray mask, float dropoutP, boolean causal) {
        if (!active() || refused.contains(q.getDataType())) {
            return null;
        }
        NDManager m = q.getManager();
        NDArray p = dropoutP == 0f ? null : m.full(new Shape(), dropoutP, DataType.FLOAT32);
        NDList in = new NDList(q, k, v, mask == null ? noMask : mask, p == null ? noDropout : p, causal ? isCausal : notCausal);
        // DJL's TorchScript bridge reads dotted array names (parameter paths) as tuple/dict packing hints.
        String[] names = new String[in.size()];
        for (int i = 0; i < in.size(); i++) {
            names[i] = in.get(i).getName();
            in.get(i).setName(null);
        }
        try {
            NDArray y = module.forward(store, in, true).singletonOrThrow();
            y.attach(m);
            return y;
        } catch (RuntimeException e) {
            // A type the kernel refuses: say so once and run the unfused path for that type from now on.
            refused.add(q.getDataType());
            System.err.println("vqstudio: fused attention failed on " + q.getDataType() + " ("
                    + firstLine(e) + "); using the unfused attention for it");
            return null;
        } finally {
            for (int i = 0; i < in.size(); i++) {
                in.get(i).setName(names[i]);
            }
            if (p != null) {
                p.close();
            }
        }
    }

    /** Whether the kernel refused arrays of {@code type} (after which that type runs unfused). */
    static boolean refuses(DataType type) {
        return refused.contains(type);
    }

    private static synchronized boolean load() {
        if (!tried) {
            tried = true;
            try {
                // Lives as long as the process: the module is stateless and shared by every model.
                base = Engine.getEngine("PyTorch").newBaseManager();
                module = tryLoad(base, RESOURCE);
                store = new ParameterStore(base, false);
                Device cpu = Device.cpu();
                noMask = base.zeros(new Shape(0), DataType.FLOAT32, cpu);
                noDropout = base.zeros(new Shape(), DataType.FLOAT32, cpu);
                notCausal = base.zeros(new Shape(), DataType.INT64, cpu);
                isCausal = base.ones(new Shape(), DataType.INT64, cpu);
                // The first call may come inside a caller's NDScope (a training step, a timed
                // call), which would free these at its end and leave the kernel failing.
                NDScope.unregister(noMask, noDropout, notCausal, isCausal);
            } catch (RuntimeException e) {
                System.err.println("vqstudio: fused attention unavailable (" + firstLine(e)
                        + "); using the unfused attention");
            }
        }
        return module != null;
    }

    /** For tests: forgets the loaded module, so that the next call loads it again (as a process's first). */
    static synchronized void unload() {
        if (base != null) {
            base.close();
        }
        base = null;
        module = null;
        tried = false;
        refused.clear();
    }

    /** The module in {@code resource} (next to this class), or null after one line on stderr saying why. */
    static PtSymbolBlock tryLoad(NDManager manager, String resource) {
        try (InputStream in = FusedAttention.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (Exception | UnsatisfiedLinkError e) {
            System.err.println("vqstudio: fused attention unavailable (" + resource + ": " + firstLine(e)
                    + "); using the unfused attention");
            return null;
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
