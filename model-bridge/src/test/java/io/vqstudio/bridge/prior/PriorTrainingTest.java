package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestBridge;
import static io.vqstudio.bridge.TestTokenFiles.tokenFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.train.BlockImages;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PriorTrainingTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @TempDir
    Path tmp;

    @Test
    void tinyArAndMaskGitPriorsOverfitAFewGrids() throws Exception {
        Path tokens = tokenFile(tmp.resolve("t.vqt"));
        for (PriorKind kind : PriorKind.values()) {
            String preset = kind == PriorKind.AR ? "ar-tiny" : "maskgit-tiny";
            PriorTrainSpec spec = PriorTrainSpec.defaults(tokens.toString(), kind, preset)
                    .withOptim(OptimSpec.defaults().withLr(3e-3f, 1e-3f).withWarmup(10))
                    .withBatchSize(8).withSteps(300).withIntervals(50, 10, 1000, 0).withLabelDropout(0f);
            Path run = tmp.resolve("run-" + kind);
            engine.bridge().trainPrior(spec, run, false).result().get(300, TimeUnit.SECONDS);
            List<Double> val = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                    .filter(l -> l.contains("val/bits_per_token"))
                    .map(l -> Json.COMPACT.fromJson(l, JsonObject.class).get("val/bits_per_token").getAsDouble()).toList();
            // From about log2(64) = 6 bits per token towards the few bits the four grids need.
            assertThat(val.get(val.size() - 1)).as(kind.toString()).isLessThan(val.get(0) / 4);
            // eval-prior on the saved checkpoint gives the trainer's last figure (same grids, same masks).
            var eval = engine.bridge().evaluatePrior(run, tokens, 0).result().get(60, TimeUnit.SECONDS);
            assertThat(eval.grids()).isEqualTo(8);
            assertThat(eval.bitsPerToken()).as(kind.toString()).isCloseTo(val.get(val.size() - 1), within(1e-4));
            assertThat(eval.unigramBits()).isBetween(5.0, 6.0); // 64 codes, almost uniformly used
        }
    }

    @Test
    void aPriorTrainerRunsWithoutABridge() throws Exception {
        Path tokens = tokenFile(tmp.resolve("t.vqt"));
        PriorTrainSpec spec = PriorTrainSpec.defaults(tokens.toString(), PriorKind.MASKGIT, "maskgit-tiny")
                .withBatchSize(8).withSteps(2).withIntervals(1, 1000, 1000, 0);
        List<Long> saved = new java.util.ArrayList<>();
        var summary = new io.vqstudio.bridge.train.PriorTrainer(spec, tmp.resolve("run"), io.vqstudio.bridge.core.Progress.NONE,
                new io.vqstudio.bridge.train.TrainListener() {
                    @Override
                    public void checkpointSaved(long step, Path checkpoint) {
                        saved.add(step);
                    }
                }).train(false);
        assertThat(summary.steps()).isEqualTo(2);
        assertThat(saved).containsExactly(2L);
        assertThat(Files.readAllLines(tmp.resolve("run/metrics.jsonl"))).hasSize(3); // two steps and the evaluation
    }

    @Test
    void aDivergedRunNamesTheCheckpointItLeavesOnlyWhenThereIsOne() throws Exception {
        Path tokens = tokenFile(tmp.resolve("t.vqt"));
        PriorTrainSpec good = PriorTrainSpec.defaults(tokens.toString(), PriorKind.AR, "ar-tiny")
                .withOptim(OptimSpec.defaults().withLr(3e-3f, 1e-3f).withWarmup(0))
                .withBatchSize(8).withSteps(2).withIntervals(1, 1000, 1000, 0);
        // The largest finite learning rate: the first update throws every weight out of range, the second step's loss is not finite.
        PriorTrainSpec nan = good.withSteps(10).withOptim(OptimSpec.defaults().withLr(Float.MAX_VALUE, Float.MAX_VALUE).withWarmup(0));
        Path fresh = tmp.resolve("fresh");
        assertThatThrownBy(() -> engine.bridge().trainPrior(nan, fresh, false).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("diverged at step 2").hasMessageContaining("No checkpoint was saved")
                .hasMessageNotContaining("kept in");
        assertThat(fresh.resolve("checkpoint")).doesNotExist();

        Path resumed = tmp.resolve("resumed");
        engine.bridge().trainPrior(good, resumed, false).result().get(60, TimeUnit.SECONDS); // saves step 2
        assertThatThrownBy(() -> engine.bridge().trainPrior(nan, resumed, true).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("diverged at step 4")
                .hasMessageContaining("The last checkpoint, of step 2, is kept in " + resumed.resolve("checkpoint"));
    }

    @Test
    void aWarmStartCarriesATrainedPriorOverToAnotherTokenizersCodes() throws Exception {
        Path tokens = tokenFile(tmp.resolve("t.vqt"));
        PriorTrainSpec spec = PriorTrainSpec.defaults(tokens.toString(), PriorKind.AR, "ar-tiny")
                .withOptim(OptimSpec.defaults().withLr(3e-3f, 1e-3f).withWarmup(10))
                .withBatchSize(8).withSteps(150).withIntervals(50, 150, 1000, 0).withLabelDropout(0f);
        Path source = tmp.resolve("source");
        engine.bridge().trainPrior(spec, source, false).result().get(300, TimeUnit.SECONDS);
        double trained = engine.bridge().evaluatePrior(source, tokens, 0).result().get(60, TimeUnit.SECONDS).bitsPerToken();

        // A retrained tokenizer (another id) whose codes still mean what they meant: one step at a
        // negligible learning rate keeps the source's fit, where fresh weights start near log2(64) = 6 bits.
        Path retrained = tokenFile(tmp.resolve("t2.vqt"), "tok-id-2", List.of("A", "B"));
        PriorTrainSpec moved = spec.withTokens(retrained.toString()).withSteps(1)
                .withOptim(OptimSpec.defaults().withLr(1e-9f, 1e-9f).withWarmup(0));
        engine.bridge().trainPrior(moved.withInitFrom(source.toString()), tmp.resolve("warm"), false).result().get(60, TimeUnit.SECONDS);
        engine.bridge().trainPrior(moved, tmp.resolve("fresh"), false).result().get(60, TimeUnit.SECONDS);
        double warm = engine.bridge().evaluatePrior(tmp.resolve("warm"), retrained, 0).result().get(60, TimeUnit.SECONDS).bitsPerToken();
        double fresh = engine.bridge().evaluatePrior(tmp.resolve("fresh"), retrained, 0).result().get(60, TimeUnit.SECONDS).bitsPerToken();
        assertThat(trained).isLessThan(3.0);
        assertThat(warm).isCloseTo(trained, within(1e-3));
        assertThat(fresh).isGreaterThan(5.0);
        // The warm-started prior models the new tokenizer's codes; its card names where it started.
        assertThatThrownBy(() -> engine.bridge().evaluatePrior(tmp.resolve("warm"), tokens, 0).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("their codes mean different things");
        assertThat(Files.readString(tmp.resolve("warm/checkpoint/MODEL_CARD.md"))).contains("Started from the weights of");

        // Refused: another kind (a different model), and other classes (class tokens would change meaning).
        PriorTrainSpec maskGit = PriorTrainSpec.defaults(retrained.toString(), PriorKind.MASKGIT, "maskgit-tiny").withSteps(1);
        assertThatThrownBy(() -> engine.bridge().trainPrior(maskGit.withInitFrom(source.toString()), tmp.resolve("other-kind"), false)
                        .result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("Cannot start from");
        Path otherClasses = tokenFile(tmp.resolve("t3.vqt"), "tok-id-2", List.of("cat", "dog"));
        assertThatThrownBy(() -> engine.bridge().trainPrior(moved.withInitFrom(source.toString()).withTokens(otherClasses.toString()),
                        tmp.resolve("other-classes"), false).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("differ from the token file's");
    }

    @Test
    void tokenizeThenTrainThenSampleResampleAndMapThroughTheApi() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 12, 16, 5);
        TrainableTokenizerSpec tiny = Families.tokenizerPreset("vit-tiny");
        TokenizerTrainSpec ts = TokenizerTrainSpec.defaults(tiny.withLoss(tiny.loss().withAdversarial(0)), data.toString())
                .withSteps(5).withBatchSize(4).withValidation(0.25, false, 0).withIntervals(5, 1000, 1000, 1000, 0);
        engine.bridge().trainTokenizer(ts, tmp.resolve("tok"), false).result().get(120, TimeUnit.SECONDS);
        Path tokens = tmp.resolve("tokens.vqt");
        TokenFile.Header h = engine.bridge().tokenize(tmp.resolve("tok"), DataSpec.defaults(data).withValidationFraction(0.25), tokens)
                .result().get(120, TimeUnit.SECONDS);
        assertThat(h.count()).isEqualTo(12);
        assertThat(h.complete()).isTrue();
        assertThat(h.classes()).containsExactly("a", "b");
        // Tokenizing again resumes a finished file: nothing is added.
        assertThat(engine.bridge().tokenize(tmp.resolve("tok"), DataSpec.defaults(data).withValidationFraction(0.25), tokens)
                .result().get(60, TimeUnit.SECONDS).count()).isEqualTo(12);

        PriorTrainSpec ps = PriorTrainSpec.defaults(tokens.toString(), PriorKind.MASKGIT, "maskgit-tiny")
                .withBatchSize(4).withSteps(3).withIntervals(1, 1000, 1000, 0);
        engine.bridge().trainPrior(ps, tmp.resolve("prior"), false).result().get(120, TimeUnit.SECONDS);
        engine.bridge().openTokenizer(tmp.resolve("tok")).result().get(60, TimeUnit.SECONDS);
        assertThat(engine.bridge().openPrior(tmp.resolve("prior")).result().get(60, TimeUnit.SECONDS).classNames()).hasSize(2);

        List<TokenGrid> samples = engine.bridge().sample(PriorKind.MASKGIT, 1, 2, SamplingSpec.defaults().withSteps(4))
                .result().get(60, TimeUnit.SECONDS);
        assertThat(samples).hasSize(2);
        boolean[] mask = new boolean[16];
        mask[0] = mask[1] = true;
        List<Candidate> c = engine.bridge().resample(PriorKind.MASKGIT, samples.get(0), mask, -1, 3, SamplingSpec.defaults())
                .result().get(60, TimeUnit.SECONDS);
        assertThat(c).hasSize(3);
        assertThat(c.get(0).logLikelihood()).isGreaterThanOrEqualTo(c.get(2).logLikelihood());
        for (Candidate cand : c) {
            for (int i = 2; i < 16; i++) {
                assertThat(cand.grid().codes()[i]).isEqualTo(samples.get(0).codes()[i]);
            }
        }
        assertThat(engine.bridge().nllMap(PriorKind.MASKGIT, samples.get(0)).result().get(60, TimeUnit.SECONDS)).hasSize(16);

        // A tokenizer with other weights: the prior is refused with a message naming both.
        engine.bridge().trainTokenizer(ts.withValidation(0.25, false, 9), tmp.resolve("tok2"), false).result().get(120, TimeUnit.SECONDS);
        engine.bridge().openTokenizer(tmp.resolve("tok2")).result().get(60, TimeUnit.SECONDS);
        assertThatThrownBy(() -> engine.bridge().openPrior(tmp.resolve("prior")).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("another tokenizer");

        // A prior trained straight on images: they are tokenized with the open tokenizer first.
        engine.bridge().trainPrior(ps.withTokens(data.toString()), tmp.resolve("prior2"), false).result().get(120, TimeUnit.SECONDS);
        Path tokens2 = tmp.resolve("prior2/tokens.vqt");
        assertThat(TokenFile.readHeader(tokens2).count()).isEqualTo(12);
        // The first prior refuses the codes of the second tokenizer, by probe and by resume.
        assertThatThrownBy(() -> engine.bridge().probe(tmp.resolve("prior"), tokens2, List.of(1), 0).result().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("their codes mean different things");
        assertThatThrownBy(() -> engine.bridge().trainPrior(ps.withTokens(tokens2.toString()).withSteps(6), tmp.resolve("prior"), true)
                .result().get(60, TimeUnit.SECONDS)).hasMessageContaining("their codes mean different things");
    }
}
