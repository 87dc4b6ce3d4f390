package io.vqstudio.bridge.cli;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.family.ModelImport;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import-model}: another project's tokenizer file, converted once into a checkpoint of ours. */
@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = "Convert a tokenizer checkpoint of another project (a torch.save .ckpt, .pt, .pth or .bin file, or "
                + "safetensors) into a VQ Studio checkpoint that every command and the studio open: spec.json with its family "
                + "and origin (file name, size, SHA-256, project), model.safetensors, and a model card naming the source and "
                + "its licence. The family is recognised by the weights' names, the shape read off their sizes; the file is "
                + "read without running anything it names. Prints how each number of the shape was found.")
final class ImportModelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The checkpoint to convert.")
    Path file;

    @Option(names = "--config", paramLabel = "YAML", description = "The project's config for these weights (default: "
            + "model.yaml beside the file or in configs/ there or one folder up, where the family has one).")
    Path config;

    @Option(names = "--resolution", paramLabel = "PX", description = "Image side to run at, for a family whose weights do "
            + "not fix it (taming's VQGAN, LlamaGen's VQ; default: the config's, else the side the project trained at, 256).")
    Integer resolution;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Target: a new or empty folder, or a "
            + "checkpoint to replace (atomically).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        EngineRuntime.start(engine.runtimeSpec());
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
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
}
