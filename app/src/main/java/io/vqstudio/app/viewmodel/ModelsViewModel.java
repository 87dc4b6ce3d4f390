package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.api.ForeignModels;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.app.service.DefaultModels;
import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.PriorKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The active tokenizer and the two active priors. Opening a checkpoint (or another project's model
 * file) reads its kind first; a prior is accepted only for the active tokenizer (the engine checks its
 * tokenizer id, and so does this class), and opening another tokenizer drops priors that no longer fit.
 */
public final class ModelsViewModel {

    private final StudioService service;
    private final JobRunner runner;
    private final ReadOnlyObjectWrapper<TokenizerInfo> tokenizer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PriorInfo> arPrior = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PriorInfo> maskgitPrior = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ModelInfo> shown = new ReadOnlyObjectWrapper<>();

    public ModelsViewModel(StudioService service, JobRunner runner) {
        this.service = service;
        this.runner = runner;
    }

    public ReadOnlyObjectProperty<TokenizerInfo> tokenizerProperty() {
        return tokenizer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PriorInfo> priorProperty(PriorKind kind) {
        return (kind == PriorKind.AR ? arPrior : maskgitPrior).getReadOnlyProperty();
    }

    /** The model whose spec and card the Models page shows. */
    public ReadOnlyObjectProperty<ModelInfo> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public void show(ModelInfo info) {
        shown.set(info);
    }

    /**
     * Opens the default models found under {@code assets}, tokenizer first (looked for off the UI
     * thread); says how to open one when there are none.
     */
    public void openDefaults(Path assets) {
        runner.dispatch().background(() -> {
            List<Path> found = DefaultModels.find(assets);
            runner.dispatch().ui(() -> {
                if (found.isEmpty()) {
                    runner.notify(Notice.info("No default models in " + assets.toAbsolutePath().resolve("models")
                            + ". Open a tokenizer checkpoint with File > Open model... (Ctrl+M)"));
                }
                openAll(found);
            });
        });
    }

    /** Opens several models one after the other (a tokenizer before the priors that need it, when listed so). */
    public void openAll(List<Path> models) {
        openAll(new ArrayDeque<>(models), () -> { });
    }

    /**
     * Replaces the active models with a model set's: the active priors are closed first (a set without a
     * prior of one kind leaves that kind empty, never another set's), then {@code checkpoints} open one after
     * the other, tokenizer first; {@code then} runs on the UI thread once the last has opened or failed.
     */
    public void openSet(List<Path> checkpoints, Runnable then) {
        arPrior.set(null);
        maskgitPrior.set(null);
        openAll(new ArrayDeque<>(checkpoints), then);
    }

    private void openAll(Deque<Path> queue, Runnable then) {
        if (queue.isEmpty()) {
            then.run();
        } else {
            open(queue.poll(), () -> openAll(queue, then));
        }
    }

    /**
     * Opens a tokenizer or prior checkpoint, whichever it holds, or imports a tokenizer or a prior from a
     * model file of another project (a {@code torch.save} or safetensors file), as its family says.
     */
    public void open(Path checkpoint) {
        open(checkpoint, () -> { });
    }

    private void open(Path checkpoint, Runnable then) {
        // Reading the spec (or a foreign file's keys) is disk work: off the UI thread, then back on it with the answer.
        runner.dispatch().background(() -> {
            String family;
            String kind;
            try {
                family = service.importedFamily(checkpoint);
                // A foreign file's family says what it holds: its structure is read once, not twice.
                kind = family == null ? service.checkpointKind(checkpoint)
                        : ForeignModels.isPriorFamily(family) ? "prior" : "tokenizer";
            } catch (IOException | RuntimeException e) {
                runner.dispatch().ui(() -> {
                    runner.notify(Notice.error("Cannot open " + checkpoint + ": " + e.getMessage()));
                    then.run();
                });
                return;
            }
            runner.dispatch().ui(() -> {
                if (family != null && "prior".equals(kind) && ForeignModels.carriesItsTokenizer(family)
                        && !isActiveTokenizer(checkpoint)) {
                    // The file holds the tokenizer the prior was trained on: that one first, then the prior.
                    importTokenizer(checkpoint, "its tokenizer", () -> importPrior(checkpoint, family, then));
                } else if (family != null && "prior".equals(kind)) {
                    importPrior(checkpoint, family, then);
                } else if (family != null) {
                    importTokenizer(checkpoint, family, then);
                } else {
                    open(checkpoint, kind, then);
                }
            });
        });
    }

    private boolean isActiveTokenizer(Path file) {
        TokenizerInfo t = tokenizer.get();
        return t != null && t.path().toAbsolutePath().equals(file.toAbsolutePath());
    }

    private void open(Path checkpoint, String kind, Runnable then) {
        if ("tokenizer".equals(kind)) {
            runner.run("Open tokenizer", service.openTokenizer(checkpoint), null, info -> activate(info, then), msg -> {
                runner.notify(Notice.error("Cannot open the tokenizer " + checkpoint + ": " + msg));
                then.run();
            });
        } else if ("prior".equals(kind)) {
            openPrior(checkpoint, "Open prior", "Cannot open the prior " + checkpoint, then);
        } else {
            runner.notify(Notice.error(checkpoint + " holds a " + kind + ", which the studio cannot open"));
            then.run();
        }
    }

    /**
     * Converts a model file of another project in the background (the status bar shows it, with a
     * cancel button) and makes it the active tokenizer; a refusal is the engine's one sentence.
     */
    private void importTokenizer(Path file, String family, Runnable then) {
        String name = String.valueOf(file.getFileName());
        runner.notify(Notice.info("Importing " + family + " from " + name + "..."));
        runner.run("Import " + family + " from " + name, service.openTokenizer(file), null, info -> activate(info, then),
                msg -> {
                    if (!"cancelled".equals(msg)) { // the runner has said "... cancelled" already
                        runner.notify(Notice.error("Cannot import " + name + " as a " + family + " tokenizer: " + msg));
                    }
                    then.run();
                });
    }

    /**
     * Converts a prior file of another project against the active tokenizer, as {@link #importTokenizer}
     * does a tokenizer: in a cancellable background job, refused in the engine's one sentence when its codes
     * or grid do not fit.
     */
    private void importPrior(Path file, String family, Runnable then) {
        String name = String.valueOf(file.getFileName());
        if (tokenizer.get() != null) {
            runner.notify(Notice.info("Importing " + family + " from " + name + "..."));
        }
        openPrior(file, "Import " + family + " from " + name, "Cannot import " + name + " as a " + family + " prior",
                then);
    }

    private void activate(TokenizerInfo info, Runnable then) {
        tokenizer.set(info);
        dropMismatchedPriors(info);
        shown.set(info);
        runner.notify(Notice.info("Tokenizer " + info.name() + " is active (" + info.gridSize() + "x"
                + info.gridSize() + " tokens, " + info.codebookSize() + " codes)"));
        then.run();
    }

    private void openPrior(Path checkpoint, String title, String cannot, Runnable then) {
        if (tokenizer.get() == null) {
            runner.notify(Notice.error("Open a tokenizer before a prior: a prior models one tokenizer's codes."));
            then.run();
            return;
        }
        runner.run(title, service.openPrior(checkpoint), null, info -> {
            TokenizerInfo tok = tokenizer.get();
            if (tok != null && !Objects.equals(info.tokenizerId(), tok.id())) {
                runner.notify(Notice.error(refusal(info, tok)));
            } else {
                PriorKind kind = PriorKinds.of(info);
                (kind == PriorKind.AR ? arPrior : maskgitPrior).set(info);
                shown.set(info);
                runner.notify(Notice.info(PriorKinds.title(info) + " prior " + info.name() + " is loaded"));
            }
            then.run();
        }, msg -> {
            if (!"cancelled".equals(msg)) { // the runner has said "... cancelled" already
                runner.notify(Notice.error(cannot + ": " + msg));
            }
            then.run();
        });
    }

    static String refusal(PriorInfo prior, TokenizerInfo tok) {
        return "The prior " + prior.name() + " was made for the tokenizer " + prior.tokenizerId()
                + ", not the active " + tok.name() + " (" + tok.id() + "): open its own tokenizer first.";
    }

    private void dropMismatchedPriors(TokenizerInfo tok) {
        for (ReadOnlyObjectWrapper<PriorInfo> p : List.of(arPrior, maskgitPrior)) {
            PriorInfo prior = p.get();
            if (prior != null && !Objects.equals(prior.tokenizerId(), tok.id())) {
                p.set(null);
                runner.notify(Notice.warning("Closed the prior " + prior.name() + ": it belongs to another tokenizer"));
            }
        }
    }
}
