package io.vqstudio.bridge.api;

import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.TokenizerFamily;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a face needs to know about a model file from another project before it asks the engine to
 * open it: whether a file is a {@code torch.save} or safetensors file at all (by its first bytes,
 * never by its name), and which imported family its weights are (by their keys, reading the file's
 * structure but none of its weights). Nothing here runs on the engine thread or loads a model.
 */
public final class ForeignModels {

    /** The names these files are published under, for a file chooser's filter. */
    public static final List<String> EXTENSIONS = List.of("ckpt", "pt", "pth", "bin", "safetensors");

    private ForeignModels() {}

    /**
     * Whether {@code path} is a regular file that starts like a zip ({@code torch.save}'s format),
     * a legacy {@code torch.save} pickle or a safetensors header, and is not the weights file of one
     * of our checkpoint folders (which opens as that checkpoint). Reads 16 bytes at most.
     */
    public static boolean isTorchFile(Path path) {
        if (!Files.isRegularFile(path) || isOurWeights(path)) {
            return false;
        }
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n < head.length) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        boolean zip = b.getInt(0) == 0x04034b50; // "PK\3\4"
        boolean legacy = (head[0] & 0xff) == 0x80 && head[1] == 2; // pickle protocol 2: the magic number
        boolean safetensors = b.getLong(0) > 1 && head[8] == '{'; // header length, then its JSON
        return zip || legacy || safetensors;
    }

    /**
     * The imported family whose weights {@code file} holds ({@code taming-vqgan}, {@code llamagen-vq},
     * {@code enhancing-vitvq}), told by the keys of its state dict; the weights stay in the file.
     *
     * @throws IOException in one sentence naming the file: unreadable, refused (a file that names
     *                     code to run), or weights of no family we import, with a few of its keys
     */
    public static String familyOf(Path file) throws IOException {
        StateDict sd = TorchFile.read(file).stateDict();
        for (TokenizerFamily<?> f : Families.imported()) {
            if (f.importer().recognises(sd)) {
                return f.name();
            }
        }
        List<String> keys = sd.tensors().keySet().stream().limit(3).toList();
        throw new IOException(file.getFileName() + " holds weights of no model family the studio imports (keys such as "
                + String.join(", ", keys) + "); it opens " + String.join(", ",
                Families.imported().stream().map(TokenizerFamily::title).toList()) + " checkpoints");
    }

    private static boolean isOurWeights(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return path.getFileName().toString().equals(CheckpointDir.WEIGHTS) && parent != null
                && Files.isRegularFile(parent.resolve(CheckpointDir.SPEC));
    }
}
