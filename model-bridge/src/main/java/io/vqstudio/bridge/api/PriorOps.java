package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Engine-side prior work behind {@link VqBridge}: sampling, region resampling and likelihood maps,
 * with partial results shown as decoded previews (cells not yet sampled painted grey).
 */
final class PriorOps {

    private static final int GREY = 0x808080;

    /** Most samples or candidates one job makes: each holds a grid and, for previews, an image. */
    static final int MAX_COUNT = 256;

    private PriorOps() {}

    private static void requireCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("Asked for " + count + " samples: between 1 and " + MAX_COUNT + " can be made at once");
        }
    }

    static List<TokenGrid> sample(Models models, PriorKind kind, int classId, int count, SamplingSpec s,
                                  JobContext ctx) {
        requireCount(count);
        Prior p = models.prior(kind);
        int[] empty = new int[p.shape().tokens()];
        Arrays.fill(empty, -1);
        Prior.Generated g = p.generate(models.priorManager(kind), empty, classId, count, s,
                previews(models, p, "sample", ctx));
        List<TokenGrid> out = new ArrayList<>();
        for (int[] grid : g.grids()) {
            out.add(new TokenGrid(p.shape().gridSize(), grid, p.shape().codebookSize()));
        }
        return out;
    }

    static List<Candidate> resample(Models models, PriorKind kind, TokenGrid grid, boolean[] mask, int classId, int count,
                                    SamplingSpec s, JobContext ctx) {
        requireCount(count);
        Prior p = models.prior(kind);
        if (grid.size() != p.shape().gridSize() || mask.length != grid.size() * grid.size()) {
            throw new IllegalArgumentException("The grid (" + grid.size() + "x" + grid.size() + ") or its mask does not fit "
                    + "this prior's " + p.shape().gridSize() + "x" + p.shape().gridSize() + " grids");
        }
        int[] start = grid.codes();
        boolean any = false;
        for (boolean m : mask) {
            any |= m;
        }
        if (!any) {
            throw new IllegalArgumentException("The region to resample holds no cell: select at least one");
        }
        for (int i = 0; i < start.length; i++) {
            if (mask[i]) {
                start[i] = -1;
            }
        }
        Prior.Generated g = p.generate(models.priorManager(kind), start, classId, count, s, previews(models, p, "candidate", ctx));
        List<Candidate> out = new ArrayList<>();
        for (int[] c : g.grids()) {
            double ll = p.regionLogLikelihood(models.priorManager(kind), c, mask, classId);
            out.add(new Candidate(new TokenGrid(grid.size(), c, grid.codebookSize()), ll));
            ctx.checkCancelled();
        }
        out.sort(Comparator.comparingDouble(Candidate::logLikelihood).reversed());
        return out;
    }

    static double[] nllMap(Models models, PriorKind kind, TokenGrid grid, int classId) {
        Prior p = models.prior(kind);
        if (grid.size() != p.shape().gridSize()) {
            throw new IllegalArgumentException("A " + grid.size() + "x" + grid.size() + " grid does not fit this prior");
        }
        return p.nllMap(models.priorManager(kind), grid.codes(), classId);
    }

    /** Share of the sampling time that decoding previews may take: a 256 px decode costs as much as many rows. */
    private static final double PREVIEW_SHARE = 0.25;

    /**
     * Progress per reported row (or MaskGIT step), a cancel checked there, and partial grids decoded
     * into preview images when a tokenizer is open: while decoding them has cost under a quarter of
     * the time so far (a large tokenizer's decode would otherwise dominate a sample), and never for
     * the finished grids, which the caller decodes.
     */
    private static Prior.PartialListener previews(Models models, Prior p, String label, JobContext ctx) {
        long start = System.nanoTime();
        long[] decoding = {0};
        return (grids, done, total) -> {
            ctx.progress(done, total, "cells", "");
            ctx.checkCancelled();
            long now = System.nanoTime();
            if (models.tokenizerInfo() == null || done == total || decoding[0] > PREVIEW_SHARE * (now - start)) {
                return;
            }
            ImageTokenizer t = models.tokenizer();
            int g = p.shape().gridSize();
            List<TokenGrid> filled = new ArrayList<>();
            for (int[] grid : grids) {
                filled.add(new TokenGrid(g, Arrays.stream(grid).map(c -> Math.max(c, 0)).toArray(), p.shape().codebookSize()));
            }
            List<RgbImage> images = TokenizerOps.decode(t, filled);
            decoding[0] += System.nanoTime() - now;
            for (int i = 0; i < images.size(); i++) {
                ctx.emit(new JobEvent.Preview(label + " " + i, greyOut(images.get(i), grids[i], g)));
            }
        };
    }

    private static RgbImage greyOut(RgbImage img, int[] grid, int g) {
        int[] px = img.copyPixels();
        int cell = img.width() / g;
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] < 0) {
                int r0 = (i / g) * cell, c0 = (i % g) * cell;
                for (int y = r0; y < r0 + cell; y++) {
                    Arrays.fill(px, y * img.width() + c0, y * img.width() + c0 + cell, GREY);
                }
            }
        }
        return RgbImage.wrap(img.width(), img.height(), px);
    }
}
