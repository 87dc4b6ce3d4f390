package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.Preferences;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.api.ForeignModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** All the studio's view-models, wired over one service; the shell builds its views from this. */
public final class StudioViewModel {

    private final StudioService service;
    private final JobRunner runner;
    private final ModelsViewModel models;
    private final WorkspaceViewModel workspace;
    private final EditorViewModel editor;
    private final CodebookViewModel codebook;
    private final TokenGridViewModel tokenGrid;
    private final ResampleViewModel resample;
    private final SampleViewModel sample;
    private final TrainViewModel train;
    private final ExportViewModel export;
    private final ModelSetsViewModel modelSets;

    /** A studio whose choices (such as its model set) last as long as it does. */
    public StudioViewModel(StudioService service, Dispatch dispatch, JobTracker tracker, RecentFiles recent,
                           Path runsFolder) {
        this(service, dispatch, tracker, recent, Preferences.notKept(), runsFolder);
    }

    public StudioViewModel(StudioService service, Dispatch dispatch, JobTracker tracker, RecentFiles recent,
                           Preferences preferences, Path runsFolder) {
        this.service = service;
        this.runner = new JobRunner(dispatch, tracker);
        this.models = new ModelsViewModel(service, runner);
        this.workspace = new WorkspaceViewModel(service, runner, models, recent);
        this.editor = new EditorViewModel(workspace, runner);
        CodeImages codeImages = new CodeImages(service, runner, models);
        this.codebook = new CodebookViewModel(workspace, models, codeImages);
        this.tokenGrid = new TokenGridViewModel(service, runner, workspace, models, codebook, codeImages);
        this.resample = new ResampleViewModel(service, runner, workspace, editor, models);
        this.sample = new SampleViewModel(service, runner, models, workspace);
        this.train = new TrainViewModel(service, runner, runsFolder, models.tokenizerProperty());
        this.export = new ExportViewModel(workspace, runner);
        this.modelSets = new ModelSetsViewModel(runner, models, workspace, preferences);
    }

    /**
     * Opens what was dropped on the window: model files of other projects ({@code .ckpt}, {@code .pt},
     * {@code .pth}, {@code .bin}, {@code .safetensors}), a checkpoint's {@code spec.json} and folders
     * (checkpoints, runs) as models, everything else as images. The names only route the files; what a
     * file holds is read from its bytes when it is opened, and a refusal names the file.
     */
    public void openDropped(List<Path> files) {
        List<Path> modelFiles = files.stream().filter(StudioViewModel::isModel).toList();
        List<Path> images = files.stream().filter(f -> !isModel(f)).toList();
        if (!modelFiles.isEmpty()) {
            models.openAll(modelFiles);
        }
        if (!images.isEmpty()) {
            workspace.open(images);
        }
    }

    static boolean isModel(Path p) {
        String name = String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return Files.isDirectory(p) || name.equals("spec.json")
                || dot > 0 && ForeignModels.EXTENSIONS.contains(name.substring(dot + 1));
    }

    public StudioService service() {
        return service;
    }

    public JobRunner runner() {
        return runner;
    }

    public ModelsViewModel models() {
        return models;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public EditorViewModel editor() {
        return editor;
    }

    public CodebookViewModel codebook() {
        return codebook;
    }

    public TokenGridViewModel tokenGrid() {
        return tokenGrid;
    }

    public ResampleViewModel resample() {
        return resample;
    }

    public SampleViewModel sample() {
        return sample;
    }

    public TrainViewModel train() {
        return train;
    }

    public ExportViewModel export() {
        return export;
    }

    public ModelSetsViewModel modelSets() {
        return modelSets;
    }
}
