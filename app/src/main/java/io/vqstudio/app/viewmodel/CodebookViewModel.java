package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.core.CodebookStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Codebook usage over the loaded images (their current, edited grids): per-code counts for the
 * heatmap, usage, perplexity and dead codes through the engine's {@link CodebookStats}; a selected
 * code with its decoded appearance and where it occurs; a code list sorted and filtered by frequency.
 */
public final class CodebookViewModel {

    /** Order of the code list. */
    public enum Sort { MOST_USED, LEAST_USED, CODE_ID }

    /** Which codes the list shows. */
    public enum Filter { ALL, USED, DEAD }

    /** One row of the code list. */
    public record CodeRow(int code, long count, double fraction) {}

    /** How often the selected code occurs in one image. */
    public record Occurrence(ImageDocument document, int count) {}

    private final WorkspaceViewModel workspace;
    private final ModelsViewModel models;
    private final CodeImages codeImages;
    private final ReadOnlyObjectWrapper<long[]> counts = new ReadOnlyObjectWrapper<>(new long[0]);
    private final ReadOnlyDoubleWrapper usage = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper perplexity = new ReadOnlyDoubleWrapper();
    private final ReadOnlyIntegerWrapper deadCodes = new ReadOnlyIntegerWrapper();
    private final IntegerProperty selectedCode = new SimpleIntegerProperty(-1);
    private final ReadOnlyObjectWrapper<RgbImage> selectedAppearance = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Occurrence> occurrences = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<Occurrence> occurrencesView = FXCollections.unmodifiableObservableList(occurrences);
    private final ObjectProperty<Sort> sort = new SimpleObjectProperty<>(Sort.MOST_USED);
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final ObservableList<CodeRow> rows = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<CodeRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    public CodebookViewModel(WorkspaceViewModel workspace, ModelsViewModel models, CodeImages codeImages) {
        this.workspace = workspace;
        this.models = models;
        this.codeImages = codeImages;
        workspace.gridsVersionProperty().addListener((obs, o, n) -> recount());
        models.tokenizerProperty().addListener((obs, o, n) -> {
            selectedCode.set(-1);
            recount();
        });
        selectedCode.addListener((obs, o, n) -> selectionChanged());
        sort.addListener((obs, o, n) -> rebuildRows());
        filter.addListener((obs, o, n) -> rebuildRows());
        recount();
    }

    public int codebookSize() {
        ModelInfo tok = models.tokenizerProperty().get();
        return tok == null ? 0 : tok.codebookSize();
    }

    /** Heatmap width: 128 for 8192 codes (a 128 x 64 field), in general ceil(sqrt(2K)). */
    public int heatmapColumns() {
        return Math.max(1, (int) Math.ceil(Math.sqrt(2.0 * codebookSize())));
    }

    /** Per-code counts over the loaded images (length K). */
    public ReadOnlyObjectProperty<long[]> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty usageProperty() {
        return usage.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty perplexityProperty() {
        return perplexity.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty deadCodesProperty() {
        return deadCodes.getReadOnlyProperty();
    }

    /** The code clicked in the heatmap or list (-1 = none). */
    public IntegerProperty selectedCodeProperty() {
        return selectedCode;
    }

    public ReadOnlyObjectProperty<RgbImage> selectedAppearanceProperty() {
        return selectedAppearance.getReadOnlyProperty();
    }

    /** Images holding the selected code, with how often. */
    public ObservableList<Occurrence> occurrences() {
        return occurrencesView;
    }

    public ObjectProperty<Sort> sortProperty() {
        return sort;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public ObservableList<CodeRow> rows() {
        return rowsView;
    }

    public long countInSet(int code) {
        long[] c = counts.get();
        return code >= 0 && code < c.length ? c[code] : 0;
    }

    public static int countIn(TokenGrid grid, int code) {
        int n = 0;
        for (int c : grid.codes()) {
            n += c == code ? 1 : 0;
        }
        return n;
    }

    private void recount() {
        int k = codebookSize();
        if (k == 0) {
            counts.set(new long[0]);
            usage.set(0);
            perplexity.set(0);
            deadCodes.set(0);
            rows.clear();
            occurrences.clear();
            return;
        }
        CodebookStats stats = new CodebookStats(k);
        for (ImageDocument d : workspace.documents()) {
            if (d.grid() != null && d.grid().codebookSize() == k) {
                stats.add(d.grid().codes());
            }
        }
        counts.set(stats.counts());
        usage.set(stats.usage());
        perplexity.set(stats.total() == 0 ? 0 : stats.perplexity());
        deadCodes.set(stats.deadCodes());
        rebuildRows();
        updateOccurrences();
    }

    private void rebuildRows() {
        long[] c = counts.get();
        long total = 0;
        for (long v : c) {
            total += v;
        }
        List<CodeRow> out = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            boolean keep = switch (filter.get()) {
                case ALL -> true;
                case USED -> c[i] > 0;
                case DEAD -> c[i] == 0;
            };
            if (keep) {
                out.add(new CodeRow(i, c[i], total == 0 ? 0 : (double) c[i] / total));
            }
        }
        Comparator<CodeRow> byId = Comparator.comparingInt(CodeRow::code);
        out.sort(switch (sort.get()) {
            case MOST_USED -> Comparator.comparingLong(CodeRow::count).reversed().thenComparing(byId);
            case LEAST_USED -> Comparator.comparingLong(CodeRow::count).thenComparing(byId);
            case CODE_ID -> byId;
        });
        rows.setAll(out);
    }

    private void selectionChanged() {
        int code = selectedCode.get();
        selectedAppearance.set(null);
        updateOccurrences();
        if (code >= 0) {
            codeImages.request(code, img -> {
                if (selectedCode.get() == code) {
                    selectedAppearance.set(img);
                }
            });
        }
    }

    private void updateOccurrences() {
        int code = selectedCode.get();
        List<Occurrence> out = new ArrayList<>();
        if (code >= 0) {
            for (ImageDocument d : workspace.documents()) {
                int n = d.grid() == null ? 0 : countIn(d.grid(), code);
                if (n > 0) {
                    out.add(new Occurrence(d, n));
                }
            }
        }
        occurrences.setAll(out);
    }
}
