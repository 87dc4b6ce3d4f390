package io.vqstudio.bridge.enhancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference checkpoint of test resources {@code reference/enhancing-vitvq} (a tiny ViTVQ saved
 * by enhancing-transformers' own code: 32 px, patch 8, width 64, 2 heads of 32, 64 codes of 8)
 * against the arrays the reference computed from it (manifest.json says how each was made):
 * codes exactly, vectors and images within the manifest's suggested tolerances.
 */
class EnhancingVitvqReferenceTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    static final Path DIR = Path.of("src/test/resources/reference/enhancing-vitvq");
    static final Path CKPT = DIR.resolve("checkpoints/imagenet_vitvq_small-epoch=09.ckpt");

    static EnhancingVitvq model;
    static NDManager m;

    @BeforeAll
    static void load() throws Exception {
        m = ENGINE.manager();
        StateDict sd = TorchFile.read(CKPT).stateDict();
        EnhancingVitvqSpec spec = ShapeInference.infer(sd, DIR.resolve("configs/model.yaml")).spec();
        model = EnhancingVitvq.load(sd, spec, m);
    }

    static NDArray npy(String name) throws Exception {
        return Npy.read(DIR.resolve(name), m);
    }

    static void assertClose(NDArray actual, NDArray expected, double atol) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float diff = actual.sub(expected).abs().max().getFloat();
        assertThat(diff).as("max |diff|").isLessThanOrEqualTo((float) atol);
    }

    @Test
    void codesOfXInItsOwnRangeAreTheReferenceCodes() throws Exception {
        NDArray codes = model.encodeUnit(npy("x.npy"));                   // x.npy is in [0, 1]
        assertThat(codes.getDataType()).isEqualTo(DataType.INT64);
        assertThat(codes.toLongArray()).containsExactly(npy("codes.npy").toLongArray());
    }

    @Test
    void theContractTakesMinusOneToOneAndGivesTheSameCodes() throws Exception {
        NDArray x = npy("x.npy");
        NDArray codes = model.encode(x.mul(2).sub(1));
        assertThat(codes.getShape()).isEqualTo(new Shape(2, 4, 4));
        assertThat(codes.toLongArray()).containsExactly(npy("codes.npy").toLongArray());
    }

    @Test
    void latentsAndQuantizedVectorsMatch() throws Exception {
        NDArray x = npy("x.npy");
        assertClose(model.latents(x), npy("z.npy"), 2e-5);
        NDArray codes = model.encodeUnit(x).reshape(2, 16);
        NDArray quant = ((L2Quantizer) quantizer()).lookup(codes);
        assertClose(quant, npy("quant.npy"), 1e-5);
    }

    @Test
    void decodingAndReconstructionMatchInBothRanges() throws Exception {
        NDArray codes = npy("codes.npy");
        NDArray decoded = model.decodeUnit(codes);
        assertClose(decoded, npy("decoded_from_codes.npy"), 2e-5);
        assertClose(model.decode(codes), npy("decoded_from_codes.npy").mul(2).sub(1), 4e-5);
        assertClose(model.decodeUnit(model.encodeUnit(npy("x.npy"))), npy("reconstruction.npy"), 2e-5);
    }

    @Test
    void pngsThroughOurImagePathGiveTheReferenceCodesExactly() throws Exception {
        float[] all = new float[2 * 3 * 32 * 32];
        for (int i = 0; i < 2; i++) {
            float[] one = Preprocess.toTensor(ImageFiles.read(DIR.resolve("inputs/img-" + i + ".png")).toBufferedImage(), 32, false);
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        NDArray images = m.create(all, new Shape(2, 3, 32, 32));          // [-1, 1], p / 127.5 - 1
        // The reference's input is float32(p / 255); (x + 1) / 2 alone misses it in the last bit for 63 levels.
        NDArray pixels = images.add(1).mul(127.5f).round();
        NDArray reference = pixels.div(255f);
        assertThat(EnhancingVitvq.toUnit(images).toFloatArray()).containsExactly(reference.toFloatArray());
        assertThat(model.encode(images).toLongArray()).containsExactly(npy("codes_png.npy").toLongArray());
        assertClose(model.decodeUnit(model.encode(images)), npy("reconstruction_png.npy"), 2e-5);
    }

    @Test
    void theSinCosTableIsTheStoredOneColumnsFirst() throws Exception {
        StateDict sd = TorchFile.read(CKPT).stateDict();
        NDArray stored = sd.tensor("encoder.en_pos_embedding").toNDArray(m);
        assertClose(SinCosTable.of(m, 4, 64), stored, 1e-6);
        assertClose(SinCosTable.of(m, 4, 64), sd.tensor("decoder.de_pos_embedding").toNDArray(m), 1e-6);
    }

    @Test
    void parameterNamesAreTheCheckpointsAndTheCountIsAllOfThem() throws Exception {
        StateDict sd = TorchFile.read(CKPT).stateDict();
        assertThat(model.parameters().keySet()).containsExactlyInAnyOrderElementsOf(sd.tensors().keySet());
        long total = sd.tensors().values().stream().mapToLong(t -> t.numel()).sum();
        assertThat(model.parameterCount()).isEqualTo(total);
    }

    @Test
    void aBatchOfSeveralSlicesGivesEveryImagesCodesAndPictures() throws Exception {
        NDArray x = npy("x.npy").mul(2).sub(1);                             // (2, 3, 32, 32)
        NDArray ten = x.tile(new long[] {5, 1, 1, 1});                       // (10, ...): slices of 8 and 2
        NDArray codes = model.encode(ten);
        assertThat(codes.toLongArray()).containsExactly(npy("codes.npy").tile(new long[] {5, 1, 1}).toLongArray());
        assertClose(model.decode(codes), model.decode(npy("codes.npy")).tile(new long[] {5, 1, 1, 1}), 0);
    }

    @Test
    void inputsOutsideTheContractAreRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> model.encode(m.zeros(new Shape(1, 3, 64, 64))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected images (B, 3, 32, 32) of floats in [-1, 1], got (1, 3, 64, 64) float32");
        assertThatThrownBy(() -> model.decode(m.full(new Shape(1, 4, 4), 64L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a code grid (B, 4, 4) of integers, got (1, 4, 4) float32");
        assertThatThrownBy(() -> model.decode(m.full(new Shape(1, 4, 4), 64L).toType(DataType.INT64, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("code ids must lie in 0..63, got 64..64");
        assertThatThrownBy(() -> model.decode(m.zeros(new Shape(1, 5, 5), DataType.INT64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expected a code grid (B, 4, 4) of integers");
    }

    private static Object quantizer() throws Exception {
        java.lang.reflect.Field f = EnhancingVitvq.class.getDeclaredField("quantizer");
        f.setAccessible(true);
        return f.get(model);
    }
}
