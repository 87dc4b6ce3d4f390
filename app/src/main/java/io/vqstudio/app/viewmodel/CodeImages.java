package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a single code looks like: the decoding of a grid filled with that code, cached per code
 * for the active tokenizer. Requests for a code already on its way wait for the same decode.
 */
public final class CodeImages {

    private final StudioService service;
    private final JobRunner runner;
    private final ModelsViewModel models;
    private final Map<Integer, RgbImage> cache = new HashMap<>();
    private final Map<Integer, List<Consumer<RgbImage>>> waiting = new HashMap<>();

    public CodeImages(StudioService service, JobRunner runner, ModelsViewModel models) {
        this.service = service;
        this.runner = runner;
        this.models = models;
        models.tokenizerProperty().addListener((obs, old, tok) -> {
            cache.clear();
            waiting.clear();
        });
    }

    /** Calls {@code then} on the UI thread with the code's appearance (at once when cached). */
    public void request(int code, Consumer<RgbImage> then) {
        ModelInfo tok = models.tokenizerProperty().get();
        if (tok == null || code < 0 || code >= tok.codebookSize()) {
            return;
        }
        RgbImage hit = cache.get(code);
        if (hit != null) {
            then.accept(hit);
            return;
        }
        List<Consumer<RgbImage>> list = waiting.get(code);
        if (list != null) {
            list.add(then);
            return;
        }
        list = new ArrayList<>(List.of(then));
        waiting.put(code, list);
        int g = tok.gridSize();
        int[] codes = new int[g * g];
        Arrays.fill(codes, code);
        runner.run("Decode code " + code, service.decode(List.of(new TokenGrid(g, codes, tok.codebookSize()))), null,
                images -> {
                    cache.put(code, images.get(0));
                    List<Consumer<RgbImage>> all = waiting.remove(code);
                    if (all != null) {
                        all.forEach(c -> c.accept(images.get(0)));
                    }
                }, msg -> waiting.remove(code));
    }
}
