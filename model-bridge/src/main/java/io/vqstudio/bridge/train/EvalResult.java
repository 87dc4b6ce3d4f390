package io.vqstudio.bridge.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tokenizer's reconstruction quality on held-out images.
 *
 * @param psnr          dB, mean over images (pixels in [0, 1])
 * @param ssim          mean SSIM (Wang et al. 2004)
 * @param l1            mean absolute error in [0, 1] pixel units
 * @param l2            mean squared error in [0, 1] pixel units
 * @param codebookUsage fraction of codes used at least once over the whole set
 * @param perplexity    exp(entropy) of the code distribution
 * @param deadCodes     codes never used
 * @param frechet       Frechet distance in the perceptual network's feature space, or NaN without one
 */
public record EvalResult(int images, double psnr, double ssim, double l1, double l2, double codebookUsage,
                         double perplexity, int deadCodes, double frechet) {

    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "psnr", psnr);
        m.put(prefix + "ssim", ssim);
        m.put(prefix + "l1", l1);
        m.put(prefix + "l2", l2);
        m.put(prefix + "codebook_usage", codebookUsage);
        m.put(prefix + "perplexity", perplexity);
        m.put(prefix + "dead_codes", (double) deadCodes);
        if (!Double.isNaN(frechet)) {
            m.put(prefix + "frechet_distance", frechet);
        }
        return m;
    }

    public String toText() {
        return String.format("images %d  PSNR %.2f dB  SSIM %.4f  L1 %.4f  L2 %.5f  codebook usage %.1f%%  "
                        + "perplexity %.1f  dead codes %d%s", images, psnr, ssim, l1, l2, 100 * codebookUsage,
                perplexity, deadCodes, Double.isNaN(frechet) ? "" : String.format("  Frechet distance %.3f", frechet));
    }
}
