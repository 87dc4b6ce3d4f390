package io.vqstudio.bridge.cli;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.family.ModelImport;
import io.vqstudio.bridge.family.PriorImport;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.prior.PriorShape;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import-model}: another project's tokenizer or prior file, converted once into a checkpoint of ours. */
@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = "Convert a tokenizer or prior checkpoint of another project (a torch.save .ckpt, .pt, .pth or .bin file, "
                + "or safetensors) into a VQ Studio checkpoint that every command and the studio open: spec.json with its family "
                + "and origin (file name, size, SHA-256, project), model.safetensors, and a model card naming the source and "
                + "its licence. The family is recognised by the weights' names, the shape read off their sizes; the file is "
                + "read without running anything it names. Prints how each number of the shape was found. A prior (LlamaGen's "
                + "GPT) is imported for the tokenizer whose codes it models (--tokenizer): its vocabulary and grid are checked "
                + "against it, and it records that tokenizer's id.")
final class ImportModelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The checkpoint to convert.")
    Path file;

    @Option(names = "--config", paramLabel = "YAML", description = "The project's config for these weights (default: "
            + "model.yaml beside the file or in configs/ there or one folder up, where the family has one).")
    Path config;

    @Option(names = "--resolution", paramLabel = "PX", description = "Image side to run at, for a family whose weights do "
            + "not fix it (taming's VQGAN, LlamaGen's VQ; default: the config's, else the side the project trained at, 256).")
    Integer resolution;

    @Option(names = "--tokenizer", paramLabel = "T", description = "For a prior: the tokenizer whose codes it models (a "
            + "checkpoint folder, or that project's tokenizer file).")
    Path tokenizer;

    @Option(names = "--grid", converter = Checks.PositiveInt.class, paramLabel = "SIDE", description = "For a prior: the "
            + "grid side it was trained on, where the file name does not say (LlamaGen: _256 = 16, _384 = 24; default: the "
            + "tokenizer's).")
    Integer grid;

    @Option(names = "--heads", converter = Checks.PositiveInt.class, paramLabel = "N", description = "For a prior: its "
            + "attention heads, which the weights cannot show (default: the project's config, else LlamaGen's head width 64).")
    Integer heads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Target: a new or empty folder, or a "
            + "checkpoint to replace (atomically).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        EngineRuntime.start(engine.runtimeSpec());
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
            if (PriorStore.KIND.equals(ModelImport.kindOf(file))) {
                return importPrior(m);
            }
            ModelImport.Imported imp = ModelImport.convert(file, config, resolution, m);
            ModelImport.write(imp, out);
            TokenizerSpec s = imp.model().spec();
            if (engine.json) {
                Format.jsonFields("file", file, "out", out, "family", s.family(), "name", s.name(), "resolution",
                        s.resolution(), "gridSize", s.gridSize(), "codebookSize", s.codebookSize(), "sha256",
                        imp.origin().sha256(), "explanation", imp.explanation());
            } else {
                System.out.println(imp.explanation().stream().collect(Collectors.joining(System.lineSeparator())));
                System.out.printf("imported %s as a %s (%s, %dx%d px -> %dx%d tokens, %d codes) to %s%n", file.getFileName(),
                        imp.family().title(), s.name(), s.resolution(), s.resolution(), s.gridSize(), s.gridSize(),
                        s.codebookSize(), out);
            }
        }
        return 0;
    }

    private int importPrior(NDManager m) throws Exception {
        PriorImport.TokenizerRef tok;
        Path priorOut = out;
        if (tokenizer != null) {
            try (NDManager tm = m.newSubManager()) {
                TokenizerStore.Opened t = TokenizerStore.open(tokenizer, tm);
                tok = PriorImport.TokenizerRef.of(t.header().id(), t.tokenizer());
            }
        } else {
            tok = importOwnTokenizer(m);
            priorOut = out.resolve("prior");
        }
        PriorImport.Imported imp = PriorImport.convert(file, config, grid, heads, tok, m);
        PriorImport.write(imp, priorOut);
        PriorShape s = imp.prior().shape();
        if (engine.json) {
            Format.jsonFields("file", file, "out", out, "family", imp.family().name(), "name", imp.name(), "gridSize",
                    s.gridSize(), "codebookSize", s.codebookSize(), "numClasses", s.numClasses(), "parameters",
                    imp.prior().parameterCount(), "tokenizerId", tok.id(), "sha256", imp.origin().sha256(), "explanation",
                    imp.explanation());
        } else {
            System.out.println(String.join(System.lineSeparator(), imp.explanation()));
            System.out.printf("imported %s as a %s prior (%s, %.1f M parameters, %dx%d grids of %d codes, %d classes) for"
                    + " tokenizer %s to %s%n", file.getFileName(), imp.family().title(), imp.name(),
                    imp.prior().parameterCount() / 1e6, s.gridSize(), s.gridSize(), s.codebookSize(), s.numClasses(), tok.name(),
                    priorOut);
        }
        return 0;
    }

    /**
     * A prior file that carries the tokenizer it was trained on (taming's cond transformer holds its
     * first stage): that tokenizer is imported to OUT/tokenizer, and the prior then goes to OUT/prior,
     * already paired. Any other prior needs --tokenizer.
     */
    private PriorImport.TokenizerRef importOwnTokenizer(NDManager m) throws Exception {
        ModelImport.Imported t;
        try (NDManager tm = m.newSubManager()) {
            try {
                t = ModelImport.convert(file, config, resolution, tm);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(file.getFileName() + " is a prior: give --tokenizer, the tokenizer whose"
                        + " codes it models");
            }
            java.nio.file.Files.createDirectories(out);
            ModelImport.write(t, out.resolve("tokenizer"));
            if (!engine.json) {
                System.out.println(String.join(System.lineSeparator(), t.explanation()));
                System.out.printf("imported its first stage as a %s to %s%n", t.family().title(), out.resolve("tokenizer"));
            }
            return PriorImport.TokenizerRef.of(t.header().id(), t.model());
        }
    }
}
