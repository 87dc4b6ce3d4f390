package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.perceptual.TinyDarknet;
import io.vqstudio.bridge.perceptual.TinyDarknetLoader;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.train.EvalResult;
import io.vqstudio.bridge.train.TokenizerEvaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Engine-side tokenizer work behind {@link VqBridge}: plain data in, plain data out. */
final class TokenizerOps {

    private TokenizerOps() {}

    static List<TokenGrid> encode(ImageTokenizer t, List<RgbImage> images) {
        int res = t.resolution();
        int k = t.codebookSize();
        float[] px = new float[images.size() * 3 * res * res];
        for (int i = 0; i < images.size(); i++) {
            // The model's view (centre square at res, as the studio shows it), then its tensor: no resize when already square.
            float[] one = Preprocess.toTensor(Preprocess.square(images.get(i), res), res, false);
            System.arraycopy(one, 0, px, i * one.length, one.length);
        }
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device()); NoGrad noGrad = NoGrad.enter()) {
            long[] ids = t.encode(m.create(px, new Shape(images.size(), 3, res, res))).toLongArray();
            int g = t.gridSize();
            List<TokenGrid> out = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                int[] codes = new int[g * g];
                for (int j = 0; j < codes.length; j++) {
                    codes[j] = (int) ids[i * codes.length + j];
                }
                out.add(new TokenGrid(g, codes, k));
            }
            return out;
        }
    }

    static List<RgbImage> decode(ImageTokenizer t, List<TokenGrid> grids) {
        int g = t.gridSize();
        int res = t.resolution();
        long[] ids = new long[grids.size() * g * g];
        for (int i = 0; i < grids.size(); i++) {
            TokenGrid grid = grids.get(i);
            if (grid.size() != g || grid.codebookSize() != t.codebookSize()) {
                throw new IllegalArgumentException("A " + grid.size() + "x" + grid.size() + " grid of "
                        + grid.codebookSize() + " codes does not fit this tokenizer (" + g + "x" + g + ", "
                        + t.codebookSize() + " codes)");
            }
            int[] c = grid.codes();
            for (int j = 0; j < c.length; j++) {
                ids[i * c.length + j] = c[j];
            }
        }
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device()); NoGrad noGrad = NoGrad.enter()) {
            float[] px = t.decode(m.create(ids, new Shape(grids.size(), g, g))).toFloatArray();
            List<RgbImage> out = new ArrayList<>();
            int len = 3 * res * res;
            for (int i = 0; i < grids.size(); i++) {
                float[] one = new float[len];
                System.arraycopy(px, i * len, one, 0, len);
                out.add(Preprocess.fromTensor(one, res));
            }
            return out;
        }
    }

    static EvalResult evaluate(Path model, DataSpec data, int limit, Path perceptual, JobContext ctx) throws IOException {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
            ImageTokenizer t = TokenizerStore.open(model, m, ctx).tokenizer();
            TinyDarknet features = perceptual == null ? null : TinyDarknetLoader.load(m, perceptual);
            try (ImageDataset ds = ImageDataset.open(data.withResolution(t.resolution()))) {
                return new TokenizerEvaluator(ds, limit, 2, features).evaluate(t, ctx);
            }
        }
    }

    /** Held-out images over their reconstructions by each tokenizer (one row each), as in the trainer's previews. */
    static RgbImage reconstructionSheet(List<Path> models, DataSpec data, int columns) throws IOException {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
            List<ImageTokenizer> loaded = new ArrayList<>();
            for (Path model : models) {
                loaded.add(TokenizerStore.open(model, m).tokenizer());
            }
            try (ImageDataset ds = ImageDataset.open(data.withResolution(loaded.get(0).resolution()))) {
                return new TokenizerEvaluator(ds, 0, 2, null).previewGrid(loaded, columns);
            }
        }
    }
}
