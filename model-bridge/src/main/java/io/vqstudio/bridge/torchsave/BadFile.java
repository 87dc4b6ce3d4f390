package io.vqstudio.bridge.torchsave;

/**
 * Why a file is refused, thrown inside the readers (which do not know the file's name) and turned
 * into a {@link TorchFileException} naming the file at the front door, {@link TorchFile#read}.
 */
final class BadFile extends RuntimeException {

    BadFile(String why) {
        super(why, null, false, false); // no stack trace: the message is the whole story
    }
}
