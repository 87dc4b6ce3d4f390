package io.vqstudio.bridge.torchsave;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The one entry point of the checkpoint importers: opens a {@code torch.save} file ({@code .ckpt},
 * {@code .pt}, {@code .pth}, {@code .bin}; zip or legacy format) or a safetensors file, told apart
 * by their first bytes, never by their names. Nothing a file names is ever run (see the package
 * documentation); every refusal is a {@link TorchFileException} of one line naming the file.
 */
public final class TorchFile {

    private TorchFile() {}

    /** Reads the file's structure; the weights stay in the file (memory-mapped) until materialised. */
    public static Checkpoint read(Path file) throws TorchFileException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            String format = format(ch);
            Object root = switch (format) {
                case "zip" -> ZipFormat.read(file, ch);
                case "legacy" -> LegacyFormat.read(file, ch);
                default -> SafetensorsFormat.read(file, ch);
            };
            if (!(root instanceof Map<?, ?>)) {
                throw new BadFile("holds a " + Py.typeName(root) + ", not a dict of weights");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> top = (Map<Object, Object>) new Values().convert(root, "", "", 0);
            return new Checkpoint(file, format, top);
        } catch (BadFile e) {
            throw new TorchFileException(file, e.getMessage());
        } catch (TorchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new TorchFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (RuntimeException | StackOverflowError e) { // a case the checks above missed: still one line
            throw new TorchFileException(file, "is malformed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String format(FileChannel ch) throws IOException {
        if (ch.size() < 16) {
            throw new BadFile("is too short to be a checkpoint (" + ch.size() + " bytes)");
        }
        ByteBuffer head = ZipArchive.read(ch, 0, 16);
        if (head.getInt(0) == 0x04034b50 || head.getInt(0) == 0x06054b50) {
            return "zip";
        }
        if ((head.get(0) & 0xff) == 0x80 && head.get(1) == 2 && (head.get(2) & 0xff) == 0x8a) {
            return "legacy"; // PROTO 2, LONG1: the magic number's pickle
        }
        if (head.get(8) == '{') {
            return "safetensors";
        }
        throw new BadFile("is neither a torch.save file nor a safetensors file");
    }
}
