package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.PriorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The class a sampling or resampling run is conditioned on, chosen among the active prior's class
 * names: a list filtered by a search text ("207 golden retriever" matches "retriever" and "207"), the
 * chosen id (-1 = unconditional), and what the prior allows. A prior without a null class (taming's)
 * cannot sample unconditionally nor be guided: while no class is chosen for it, {@link #missingProperty()}
 * says why a run cannot start, and the form's guidance is held at 1.
 */
public final class ClassChoice {

    /** A class of the active prior: its id and name, shown as "207 golden retriever". */
    public record ClassEntry(int id, String name) {
        @Override
        public String toString() {
            return id + " " + name;
        }
    }

    private final ModelsViewModel models;
    private final SamplingForm form;
    private final ObservableList<ClassEntry> all = FXCollections.observableArrayList();
    private final FilteredList<ClassEntry> visible = new FilteredList<>(all);
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty classId = new SimpleIntegerProperty(-1);
    private final ReadOnlyBooleanWrapper unconditional = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");
    private List<String> names = List.of();

    public ClassChoice(ModelsViewModel models, SamplingForm form) {
        this.models = models;
        this.form = form;
        search.addListener((obs, o, text) -> {
            String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            visible.setPredicate(q.isEmpty() ? null : c -> c.toString().toLowerCase(Locale.ROOT).contains(q));
        });
        form.kindProperty().addListener((obs, o, n) -> reload());
        for (PriorKind kind : PriorKind.values()) {
            models.priorProperty(kind).addListener((obs, o, n) -> reload());
        }
        classId.addListener((obs, o, n) -> updateMissing());
        reload();
    }

    /** The class names matching the search text. */
    public ObservableList<ClassEntry> classes() {
        return visible;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The chosen class (-1 = unconditional). */
    public IntegerProperty classIdProperty() {
        return classId;
    }

    /** Whether the prior samples without a class (it has a null class); true with no prior open. */
    public ReadOnlyBooleanProperty unconditionalProperty() {
        return unconditional.getReadOnlyProperty();
    }

    /** Why a run cannot start for want of a class ("" when it can). */
    public ReadOnlyStringProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }

    /** The chosen class in words: "class 207 golden retriever", or "unconditional". */
    public String describe() {
        int id = classId.get();
        return id < 0 || id >= names.size() ? "unconditional" : "class " + id + " " + names.get(id);
    }

    /** The active prior of the form's kind, or null. */
    public PriorInfo prior() {
        return models.priorProperty(form.kindProperty().get()).get();
    }

    private void reload() {
        PriorInfo prior = prior();
        List<String> now = prior == null ? List.of() : prior.classNames();
        if (!now.equals(names)) {
            names = now;
            List<ClassEntry> entries = new ArrayList<>(now.size());
            for (int i = 0; i < now.size(); i++) {
                entries.add(new ClassEntry(i, now.get(i)));
            }
            all.setAll(entries);
            classId.set(-1); // another prior's class ids mean other classes
        }
        unconditional.set(prior == null || prior.nullClass() || now.isEmpty());
        form.guidanceAllowedProperty().set(prior != null && prior.nullClass() && !now.isEmpty());
        updateMissing();
    }

    private void updateMissing() {
        PriorInfo prior = prior();
        missing.set(prior != null && !unconditional.get() && classId.get() < 0
                ? "Pick a class first: the " + PriorKinds.title(prior) + " " + prior.name()
                        + " has no unconditional mode, it always draws a class"
                : "");
    }
}
