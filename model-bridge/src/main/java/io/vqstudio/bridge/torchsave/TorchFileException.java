package io.vqstudio.bridge.torchsave;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Why a checkpoint file was refused: a damaged or truncated file, a format we do not read, or a
 * pickle that names something other than tensors and containers. The message is one line that
 * starts with the file name, fit to show a user as it is.
 */
public final class TorchFileException extends IOException {

    TorchFileException(Path file, String why) {
        super(oneLine(file.getFileName() + ": " + why));
    }

    TorchFileException(Path file, String why, Throwable cause) {
        super(oneLine(file.getFileName() + ": " + why), cause);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }
}
