package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.Preferences;
import io.vqstudio.bridge.api.ModelSets;
import io.vqstudio.bridge.api.ModelSets.ModelSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The embedded model sets and the one in use. The studio opens on the set it was left on when that
 * one is available, else on the first available ({@link ModelSets#in}: Fashion-MNIST, then Tiny
 * ImageNet photos), with the set's example pictures in the workspace and the first one selected.
 * Switching closes the active priors and the previous set's examples (the user's own pictures stay and
 * are encoded again), opens the set's tokenizer and priors one after the other, then its examples,
 * and remembers the choice in the {@link Preferences}. Folders are read off the UI thread.
 */
public final class ModelSetsViewModel {

    /**
     * A set as read from disk: whether it can open, what it lacks, what it opens and its examples.
     *
     * @param missing the set's sentence about its missing checkpoints, empty when it has all
     */
    public record SetState(ModelSet set, boolean available, Optional<String> missing, List<Path> checkpoints,
                           List<Path> examples) {

        static SetState read(ModelSet s) {
            return new SetState(s, s.available(), s.missingSentence(), s.checkpoints(), s.exampleImages());
        }

        public String id() {
            return set.id();
        }

        public String name() {
            return set.name();
        }
    }

    private final JobRunner runner;
    private final ModelsViewModel models;
    private final WorkspaceViewModel workspace;
    private final Preferences preferences;
    private final ObservableList<SetState> sets = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<SetState> setsView = FXCollections.unmodifiableObservableList(sets);
    private final ReadOnlyObjectWrapper<SetState> active = new ReadOnlyObjectWrapper<>();
    private Path assets;

    public ModelSetsViewModel(JobRunner runner, ModelsViewModel models, WorkspaceViewModel workspace,
                              Preferences preferences) {
        this.runner = runner;
        this.models = models;
        this.workspace = workspace;
        this.preferences = preferences;
    }

    /** The embedded sets, available or not, as last read. */
    public ObservableList<SetState> sets() {
        return setsView;
    }

    /** The set whose models were opened last; null before the first. */
    public ReadOnlyObjectProperty<SetState> activeProperty() {
        return active.getReadOnlyProperty();
    }

    /**
     * Lists the sets under {@code assets} and opens the remembered one, else the first available; says
     * why a preferred set is skipped, and how to open a model when none is available.
     */
    public void openAtStart(Path assets) {
        this.assets = assets;
        runner.dispatch().background(() -> {
            List<ModelSet> all = ModelSets.in(assets);
            List<SetState> found = all.stream().map(SetState::read).toList();
            String remembered = preferences.get(Preferences.MODEL_SET).orElse(null);
            Optional<String> first = ModelSets.first(all, remembered).map(ModelSet::id);
            runner.dispatch().ui(() -> {
                sets.setAll(found);
                if (first.isEmpty()) {
                    runner.notify(Notice.info("No embedded model set in " + assets.toAbsolutePath()
                            + ". Open a tokenizer checkpoint with File > Open model... (Ctrl+M)"));
                    return;
                }
                SetState opening = state(found, first.get());
                // The set the user left the studio on: say why it is not the one opening. A first start
                // opens the first set whose models are there without a word about the others.
                SetState wanted = found.stream().filter(s -> s.id().equals(remembered)).findFirst().orElse(null);
                if (wanted != null && wanted != opening) {
                    runner.notify(Notice.info(wanted.missing().orElse("") + " Opening " + opening.name() + " instead."));
                }
                open(opening);
            });
        });
    }

    private static SetState state(List<SetState> sets, String id) {
        return sets.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** Reads the sets again (their models may have arrived since), keeping the active one. */
    public void refresh() {
        if (assets == null) {
            return;
        }
        Path from = assets;
        runner.dispatch().background(() -> {
            List<SetState> found = ModelSets.in(from).stream().map(SetState::read).toList();
            runner.dispatch().ui(() -> {
                if (!found.equals(sets)) { // an unchanged list leaves an open menu alone
                    sets.setAll(found);
                }
            });
        });
    }

    /**
     * Switches to the set {@code id} (the menu's choice) and remembers it; a set without its tokenizer is
     * refused with its sentence, and the active set stays. Choosing the active set does nothing.
     */
    public void choose(String id) {
        SetState now = active.get();
        if (assets == null || now != null && now.id().equals(id)) {
            return;
        }
        Path from = assets;
        runner.dispatch().background(() -> {
            List<SetState> found = ModelSets.in(from).stream().map(SetState::read).toList();
            runner.dispatch().ui(() -> {
                sets.setAll(found); // also puts the menu's check mark back where a refusal leaves it
                SetState chosen = state(found, id);
                if (chosen == null) {
                    runner.notify(Notice.error("There is no embedded model set " + id));
                } else if (!chosen.available()) {
                    runner.notify(Notice.error("Cannot switch to " + chosen.name() + ": " + chosen.missing().orElse("")));
                } else {
                    runner.dispatch().background(() -> preferences.put(Preferences.MODEL_SET, chosen.id()));
                    open(chosen);
                }
            });
        });
    }

    private void open(SetState set) {
        SetState previous = active.get();
        active.set(set);
        if (previous != null) {
            previous.set().examples().ifPresent(workspace::closeFrom);
        }
        runner.notify(Notice.info("Opening the " + set.name() + " model set..."));
        models.openSet(set.checkpoints(), () -> {
            if (active.get() != set) {
                return; // another set was chosen meanwhile: its examples are the ones to show
            }
            if (set.checkpoints().size() < ModelSets.CHECKPOINTS.size()) {
                runner.notify(Notice.warning(set.missing().orElse("")));
            }
            if (!set.examples().isEmpty()) {
                workspace.openExamples(set.examples());
            }
        });
    }
}
