package io.vqstudio.bridge.api;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models loaded on the engine thread (only ever touched there). Opening a new tokenizer
 * replaces the active one and frees its memory.
 */
final class Models implements AutoCloseable {

    private NDManager tokenizerManager;
    private Tokenizer tokenizer;
    private ModelInfo tokenizerInfo;

    ModelInfo openTokenizer(Path path) throws IOException {
        NDManager m = NDManager.newBaseManager();
        try {
            TokenizerStore.Loaded loaded = TokenizerStore.load(path, m);
            Path card = loaded.dir().resolve(CheckpointDir.CARD);
            Tokenizer t = loaded.tokenizer();
            ModelInfo info = new ModelInfo(TokenizerStore.KIND, t.spec().name(), loaded.header().id(), null,
                    loaded.dir(), Json.GSON.toJson(loaded.header().spec()),
                    Files.exists(card) ? Files.readString(card) : "", t.gridSize(),
                    t.spec().quantizer().codebookSize(), t.spec().resolution(), t.parameterCount(),
                    loaded.header().step());
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

    Tokenizer tokenizer() {
        if (tokenizer == null) {
            throw new IllegalStateException("No tokenizer is open: open a checkpoint first.");
        }
        return tokenizer;
    }

    ModelInfo tokenizerInfo() {
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
    }
}
