package io.vqstudio.bridge.enhancing;

import java.io.IOException;

/**
 * Why an enhancing-transformers checkpoint (or the project config beside it) was refused: a
 * weight missing, unexpected or of the wrong shape, a config that disagrees with the weights'
 * shapes, a config that is not valid YAML. One line, fit to show a user after the file's name.
 */
public final class ImportException extends IOException {

    public ImportException(String message) {
        super(message.replaceAll("[\\r\\n\\t]+", " "));
    }
}
