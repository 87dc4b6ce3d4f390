package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.BatchLoader;
import io.vqstudio.bridge.data.ImageBatch;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.ImageEntry;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.core.CodebookStats;
import io.vqstudio.bridge.metrics.FrechetDistance;
import io.vqstudio.bridge.metrics.ImageMetrics;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.perceptual.TinyDarknet;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a tokenizer on the held-out part of a dataset: PSNR, SSIM, L1, L2, codebook usage and
 * perplexity over the whole set, and with a feature network a Frechet distance in its feature
 * space. Runs without gradients, in batches of 32, on the engine thread.
 */
public final class TokenizerEvaluator {

    private static final int BATCH = 32;

    private final ImageDataset dataset;
    private final int limit;
    private final int threads;
    private final TinyDarknet features;

    /** @param limit images to evaluate (0 = the whole validation part); {@code features} may be null */
    public TokenizerEvaluator(ImageDataset dataset, int limit, int threads, TinyDarknet features) {
        this.dataset = dataset;
        this.limit = limit;
        this.threads = threads;
        this.features = features;
    }

    /** {@code progress} is told after each batch how many held-out images are done, of how many. */
    public EvalResult evaluate(ImageTokenizer model, Progress progress) {
        int available = dataset.validation().size();
        int total = limit <= 0 ? available : Math.min(limit, available);
        CodebookStats codes = new CodebookStats(model.codebookSize());
        FrechetDistance fd = features == null ? null : new FrechetDistance();
        double psnr = 0, ssim = 0, l1 = 0, l2 = 0;
        int n = 0;
        int res = dataset.spec().resolution();
        try (BatchLoader loader = BatchLoader.builder(dataset, Split.Part.VALIDATION).optBatchSize(BATCH)
                .optShuffle(false).optThreads(threads).optEpochs(1).build()) {
            while (loader.hasNext() && (limit <= 0 || n < limit)) {
                ImageBatch batch = loader.next();
                int take = limit <= 0 ? batch.size() : Math.min(batch.size(), limit - n);
                try (NDManager sm = NDManager.newBaseManager(EngineRuntime.get().device()); NoGrad noGrad = NoGrad.enter()) {
                    NDArray x = sm.create(batch.pixels(), new Shape(batch.size(), 3, res, res)).get("0:" + take);
                    NDArray ids = model.encode(x);                              // (B, g, g)
                    NDArray y = model.decode(ids);                              // (B, 3, H, W)
                    codes.add(ids.toLongArray());
                    float[] rec = y.toFloatArray();
                    float[] ref = x.toFloatArray();
                    int len = 3 * res * res;
                    for (int i = 0; i < take; i++) {
                        float[] a = slice(ref, i, len), b = slice(rec, i, len);
                        psnr += ImageMetrics.psnr(a, b);
                        ssim += ImageMetrics.ssim(a, b, 3, res, res);
                        l1 += ImageMetrics.l1(a, b);
                        l2 += ImageMetrics.l2(a, b);
                    }
                    if (fd != null) {
                        fd.addReal(features.pooledFeatures(TinyDarknet.unitRange(x)));
                        fd.addGenerated(features.pooledFeatures(TinyDarknet.unitRange(y)));
                    }
                }
                n += take;
                progress.checkCancelled();
                progress.progress(n, total, "images", null);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("No validation images in " + dataset.location()
                    + ": raise the validation fraction");
        }
        return new EvalResult(n, psnr / n, ssim / n, l1 / n, l2 / n, codes.usage(), codes.perplexity(),
                codes.deadCodes(), fd == null ? Double.NaN : fd.distance());
    }

    /** A picture of {@code n} validation images spread over the classes (top row) over their reconstructions. */
    public RgbImage previewGrid(ImageTokenizer model, int n) {
        return previewGrid(List.of(model), n);
    }

    /**
     * {@code n} validation images spread over the classes (top row) over their reconstructions by
     * each tokenizer in turn (one row each): the same images, for comparing tokenizers by eye.
     */
    public RgbImage previewGrid(List<? extends ImageTokenizer> models, int n) {
        int res = dataset.spec().resolution();
        int len = 3 * res * res;
        List<ImageEntry> val = dataset.validation();
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < n && i < val.size(); i++) {
            try {
                images.add(dataset.tensor(val.get((int) ((long) i * val.size() / n)), false));
            } catch (IOException unreadable) {
                // skipped, and named in the dataset's skip log
            }
        }
        int rows = 1 + models.size();
        if (images.isEmpty()) {
            return new RgbImage(res, rows * res, new int[rows * res * res]); // nothing readable to show: black
        }
        float[] px = new float[images.size() * len];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, px, i * len, len);
        }
        List<RgbImage> sheet = new ArrayList<>();
        for (float[] image : images) {
            sheet.add(Preprocess.fromTensor(image, res));
        }
        try (NDManager sm = NDManager.newBaseManager(EngineRuntime.get().device()); NoGrad noGrad = NoGrad.enter()) {
            NDArray x = sm.create(px, new Shape(images.size(), 3, res, res));   // (n, 3, res, res)
            for (ImageTokenizer model : models) {
                if (model.resolution() != res) {
                    throw new IllegalArgumentException("Tokenizers of " + model.resolution() + " and " + res
                            + " pixels cannot share a sheet");
                }
                float[] rec = model.decode(model.encode(x)).toFloatArray();
                for (int i = 0; i < images.size(); i++) {
                    sheet.add(Preprocess.fromTensor(slice(rec, i, len), res));
                }
            }
        }
        return ImageFiles.tile(sheet, images.size(), 0);
    }

    private static float[] slice(float[] all, int i, int len) {
        float[] out = new float[len];
        System.arraycopy(all, i * len, out, 0, len);
        return out;
    }
}
