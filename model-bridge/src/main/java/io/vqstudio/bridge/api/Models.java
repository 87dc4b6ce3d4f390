package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.family.ModelImport;
import io.vqstudio.bridge.family.PriorFamily;
import io.vqstudio.bridge.family.PriorFiles;
import io.vqstudio.bridge.family.PriorImport;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.prior.PriorShape;
import io.vqstudio.bridge.prior.TransformerPrior;

/**
 * The models loaded on the engine thread (only ever touched there). Opening a new tokenizer
 * replaces the active one and frees its memory.
 */
final class Models implements AutoCloseable {

    private NDManager tokenizerManager;
    private ImageTokenizer tokenizer;
    private TokenizerInfo tokenizerInfo;
    private final Map<PriorKind, NDManager> priorManagers = new EnumMap<>(PriorKind.class);
    private final Map<PriorKind, Prior> priors = new EnumMap<>(PriorKind.class);
    private final Map<PriorKind, PriorInfo> priorInfos = new EnumMap<>(PriorKind.class);

    /**
     * Opens a prior into the slot of its kind: a checkpoint of any family, or another project's
     * prior file converted in memory for the open tokenizer (as import-model would convert it). A
     * prior made for another tokenizer than the open one is refused: its codes would mean nothing
     * to that tokenizer.
     */
    PriorInfo openPrior(Path path, Progress progress) throws IOException {
        NDManager m = NDManager.newBaseManager(EngineRuntime.get().device());
        try {
            PriorInfo info;
            Prior p;
            if (ModelImport.isForeign(path)) {
                if (tokenizerInfo == null) {
                    throw new IllegalArgumentException(path.getFileName() + " is a prior of another project: open the tokenizer"
                            + " whose codes it models first, then the prior.");
                }
                progress.notice("Converting " + path.getFileName() + " in memory for tokenizer " + tokenizerInfo.name()
                        + " (import-model converts it once, to a checkpoint)");
                PriorImport.Imported imp = PriorImport.convert(path, null, null, null, new PriorImport.TokenizerRef(
                        tokenizerInfo.id(), tokenizerInfo.name(), tokenizerInfo.gridSize(), tokenizerInfo.codebookSize()), m);
                p = imp.prior();
                info = info(p, imp.name(), imp.family(), imp.header(), path.toAbsolutePath(), imp.card(), imp.classNames());
            } else {
                PriorFiles.Opened o = PriorFiles.open(path, m);
                if (tokenizerInfo != null && !tokenizerInfo.id().equals(o.header().tokenizerId())) {
                    throw new IllegalArgumentException("This prior was trained on the codes of another tokenizer (id "
                            + o.header().tokenizerId() + "); the open tokenizer is " + tokenizerInfo.name() + " (id "
                            + tokenizerInfo.id() + "). Open the matching tokenizer first.");
                }
                p = o.prior();
                info = info(p, o.name(), o.family(), o.header(), o.dir(), o.card(), o.classNames());
            }
            if (p instanceof TransformerPrior ours) {
                ours.net().useHalfPrecision(EngineRuntime.get().halfPrecision());
            }
            PriorKind kind = p.shape().kind();
            closePrior(kind);
            priorManagers.put(kind, m);
            priors.put(kind, p);
            priorInfos.put(kind, info);
            return info;
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static PriorInfo info(Prior p, String name, PriorFamily<?> family, ModelHeader header, Path where, String card,
                                  java.util.List<String> classNames) {
        PriorShape s = p.shape();
        return new PriorInfo(name, family.name(), s.kind(), header.id(), header.tokenizerId(), where,
                Json.GSON.toJson(header.spec()), card, s.gridSize(), s.codebookSize(), classNames, p.parameterCount(),
                header.step(), s.nullClass(), source(header.origin()));
    }

    Prior prior(PriorKind kind) {
        Prior p = priors.get(kind);
        if (p == null) {
            throw new IllegalStateException("No " + kind + " prior is open: open a prior checkpoint first.");
        }
        return p;
    }

    NDManager priorManager(PriorKind kind) {
        prior(kind);
        return priorManagers.get(kind);
    }

    private void closePrior(PriorKind kind) {
        NDManager m = priorManagers.remove(kind);
        if (m != null) {
            m.close();
        }
        priors.remove(kind);
        priorInfos.remove(kind);
    }

    /** Opens a tokenizer of any family (a checkpoint, or a foreign torch file converted in memory). */
    TokenizerInfo openTokenizer(Path path, Progress progress) throws IOException {
        NDManager m = NDManager.newBaseManager(EngineRuntime.get().device());
        try {
            TokenizerStore.Opened loaded = TokenizerStore.open(path, m, progress);
            ImageTokenizer t = loaded.tokenizer();
            if (t instanceof Tokenizer ours) {
                ours.useHalfPrecision(EngineRuntime.get().halfPrecision());
            }
            TokenizerInfo info = new TokenizerInfo(t.name(), t.spec().family(), Families.of(t.spec()).trainable(),
                    loaded.header().id(), loaded.dir(), Json.GSON.toJson(loaded.header().spec()),
                    loaded.card(), t.gridSize(), t.codebookSize(), t.resolution(),
                    t.parameterCount(), loaded.header().step(), source(loaded.header().origin()));
            closeTokenizer();
            tokenizerManager = m;
            tokenizer = t;
            tokenizerInfo = info;
            return info;
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    ImageTokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("No tokenizer is open: open a checkpoint first.");
        }
        return tokenizer;
    }

    TokenizerInfo tokenizerInfo() {
        return tokenizerInfo;
    }

    private void closeTokenizer() {
        if (tokenizerManager != null) {
            tokenizerManager.close();
        }
        tokenizer = null;
        tokenizerInfo = null;
    }

    @Override
    public void close() {
        closeTokenizer();
        for (PriorKind k : PriorKind.values()) {
            closePrior(k);
        }
    }

    /** An imported model's origin in words; "" for one made here. */
    private static String source(io.vqstudio.bridge.io.Origin o) {
        return o == null ? "" : String.format("%s (%.1f MB, sha256 %s) from %s", o.file(), o.bytes() / 1e6,
                o.sha256().substring(0, Math.min(12, o.sha256().length())) + "...", o.project());
    }
}
