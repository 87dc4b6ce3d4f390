package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.app.service.ImageLoader;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.service.SourceImage;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The loaded images: reading them (off the UI thread, with notices for odd sizes and unreadable
 * files), encoding them with the active tokenizer, decoding every edit and measuring the
 * reconstruction (PSNR, SSIM, amplified difference). The editor and the codebook work on its documents.
 */
public final class WorkspaceViewModel {

    private final StudioService service;
    private final JobRunner runner;
    private final ModelsViewModel models;
    private final RecentFiles recent;
    private final ObservableList<ImageDocument> documents = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<ImageDocument> documentsView = FXCollections.unmodifiableObservableList(documents);
    private final ObjectProperty<ImageDocument> selected = new SimpleObjectProperty<>();
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<Path> recentFilesView = FXCollections.unmodifiableObservableList(recentFiles);
    private final ReadOnlyIntegerWrapper gridsVersion = new ReadOnlyIntegerWrapper();

    public WorkspaceViewModel(StudioService service, JobRunner runner, ModelsViewModel models, RecentFiles recent) {
        this.service = service;
        this.runner = runner;
        this.models = models;
        this.recent = recent;
        runner.dispatch().background(() -> { // the list is a file in the user's home
            List<Path> listed = recent.list();
            runner.dispatch().ui(() -> recentFiles.setAll(listed));
        });
        models.tokenizerProperty().addListener((obs, old, tok) -> retokenize(tok));
    }

    public ObservableList<ImageDocument> documents() {
        return documentsView;
    }

    /** The image the workspace shows; set it to select another. */
    public ObjectProperty<ImageDocument> selectedProperty() {
        return selected;
    }

    public ObservableList<Path> recentFiles() {
        return recentFilesView;
    }

    /** Increases whenever any document's grid changes (codebook statistics listen to it). */
    public ReadOnlyIntegerProperty gridsVersionProperty() {
        return gridsVersion.getReadOnlyProperty();
    }

    public boolean hasUnsavedEdits() {
        return documents.stream().anyMatch(d -> d.editedProperty().get());
    }

    /** Reads the files off the UI thread, adds the readable ones and encodes them. */
    public void open(List<Path> files) {
        read(files, false);
    }

    /**
     * Opens a model set's example pictures as {@link #open} opens files, except that they stay out of
     * the recent files and the first one is selected.
     */
    public void openExamples(List<Path> files) {
        read(files, true);
    }

    /** Closes the documents read from files under {@code folder} (another set's examples); returns how many. */
    public int closeFrom(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        List<ImageDocument> from = documents.stream()
                .filter(d -> d.path() != null && d.path().toAbsolutePath().normalize().startsWith(dir)).toList();
        from.forEach(this::close);
        return from.size();
    }

    private void read(List<Path> files, boolean examples) {
        runner.dispatch().background(() -> {
            List<SourceImage> read = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path f : files) {
                try {
                    read.add(ImageLoader.read(f));
                } catch (IOException | RuntimeException e) {
                    problems.add(f.getFileName() + ": " + io.vqstudio.bridge.core.UserMessages.describe(e));
                } catch (OutOfMemoryError e) {
                    problems.add(f.getFileName() + ": too large to read");
                }
            }
            runner.dispatch().ui(() -> added(read, problems, examples));
        });
    }

    private void added(List<SourceImage> read, List<String> problems, boolean examples) {
        if (!problems.isEmpty()) {
            runner.notify(Notice.error("Skipped " + problems.size() + " unreadable file(s): " + String.join("; ", problems)));
        }
        List<ImageDocument> docs = new ArrayList<>();
        for (SourceImage s : read) {
            if (!s.notice().isEmpty()) {
                runner.notify(Notice.warning(s.notice()));
            }
            docs.add(new ImageDocument(s.name(), s));
        }
        List<Path> paths = read.stream().map(SourceImage::path).toList();
        if (!paths.isEmpty() && !examples) {
            runner.dispatch().background(() -> { // the recent-files list is a file: read and written off the UI thread
                List<Path> listed = List.of();
                for (Path p : paths) {
                    listed = recent.add(p);
                }
                List<Path> last = listed;
                runner.dispatch().ui(() -> recentFiles.setAll(last));
            });
        }
        documents.addAll(docs);
        if (!docs.isEmpty()) {
            selected.set(docs.get(examples ? 0 : docs.size() - 1));
            prepare(docs, !examples); // resizing a set's own pictures to its tokenizer is expected, not news
        }
    }

    /** Adds a generated grid (a sample) as a document whose original is its own decoding. */
    public ImageDocument addGenerated(String name, TokenGrid grid, RgbImage image) {
        ImageDocument doc = new ImageDocument(name, null);
        doc.setOriginal(image);
        doc.setEncoded(grid);
        doc.setReconstruction(image, ImageMath.amplifiedDifference(image, image), UserFiles.psnr(image, image),
                UserFiles.ssim(image, image));
        documents.add(doc);
        selected.set(doc);
        bump();
        return doc;
    }

    public void close(ImageDocument doc) {
        documents.remove(doc);
        if (selected.get() == doc) {
            selected.set(documents.isEmpty() ? null : documents.get(documents.size() - 1));
        }
        bump();
    }

    /** Replaces the document's grid (an edit) and decodes it. */
    public void apply(ImageDocument doc, TokenGrid grid) {
        doc.edit(grid);
        bump();
        redecode(doc);
    }

    public void undo(ImageDocument doc) {
        if (doc.undo()) {
            bump();
            redecode(doc);
        }
    }

    public void redo(ImageDocument doc) {
        if (doc.redo()) {
            bump();
            redecode(doc);
        }
    }

    /** Back to the tokenizer's own grid (itself undoable). */
    public void reset(ImageDocument doc) {
        if (doc.encodedProperty().get() != null) {
            apply(doc, doc.encodedProperty().get());
        }
    }

    private void retokenize(ModelInfo tok) {
        List<ImageDocument> generated = documents.stream().filter(d -> d.source() == null).toList();
        if (!generated.isEmpty()) {
            generated.forEach(this::close);
            runner.notify(Notice.warning("Closed " + generated.size() + " sample(s) made with the previous tokenizer"));
        }
        if (tok != null) {
            prepare(List.copyOf(documents), true);
        }
    }

    private void prepare(List<ImageDocument> docs, boolean sayResized) {
        if (docs.isEmpty()) {
            return; // nothing to encode (imported tokenizers refuse an empty batch)
        }
        TokenizerInfo tok = models.tokenizerProperty().get();
        int res = tok == null ? 256 : tok.resolution();
        List<String> resized = new ArrayList<>();
        for (ImageDocument d : docs) {
            d.setOriginal(ImageLoader.square(d.source(), res));
            if (tok != null && sayResized && !ImageLoader.squareNotice(d.source(), res).isEmpty()) {
                resized.add(ImageLoader.squareNotice(d.source(), res));
            }
        }
        if (tok == null) {
            runner.notify(Notice.warning("No tokenizer is open: open one (File > Open model...) to encode these images"));
            return;
        }
        if (resized.size() == 1) {
            runner.notify(Notice.info(resized.get(0)));
        } else if (resized.size() > 1) {
            runner.notify(Notice.info(resized.size() + " images were centre-cropped and resized to " + res + "x" + res));
        }
        List<RgbImage> originals = docs.stream().map(d -> d.originalProperty().get()).toList();
        runner.run("Encode " + docs.size() + " image(s)", service.encode(originals), null, grids -> {
            for (int i = 0; i < docs.size(); i++) {
                docs.get(i).setEncoded(grids.get(i));
            }
            bump();
            decodeAll(docs);
        });
    }

    private void decodeAll(List<ImageDocument> docs) {
        long[] seqs = docs.stream().mapToLong(ImageDocument::nextDecode).toArray();
        List<TokenGrid> grids = docs.stream().map(ImageDocument::grid).toList();
        runner.run("Decode " + docs.size() + " grid(s)", service.decode(grids), null, images -> {
            for (int i = 0; i < docs.size(); i++) {
                measure(docs.get(i), seqs[i], images.get(i));
            }
        });
    }

    /** Decodes the document's current grid; only the newest request's result is kept. */
    void redecode(ImageDocument doc) {
        long seq = doc.nextDecode();
        runner.run("Decode", service.decode(List.of(doc.grid())), null, images -> measure(doc, seq, images.get(0)));
    }

    private void measure(ImageDocument doc, long seq, RgbImage recon) {
        RgbImage original = doc.originalProperty().get();
        runner.dispatch().background(() -> {
            RgbImage diff = ImageMath.amplifiedDifference(original, recon);
            double p = UserFiles.psnr(original, recon);
            double s = UserFiles.ssim(original, recon);
            runner.dispatch().ui(() -> {
                if (doc.isLatestDecode(seq)) {
                    doc.setReconstruction(recon, diff, p, s);
                }
            });
        });
    }

    private void bump() {
        gridsVersion.set(gridsVersion.get() + 1);
    }
}
