package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.prior.TransformerPrior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a prior checkpoint of any family for inference: ours through {@link PriorStore} (its
 * checks and messages), an imported one by the family its spec.json names.
 */
public final class PriorFiles {

    private PriorFiles() {}

    /** A prior opened for inference, with its family, the name to show, header, classes, folder and card. */
    public record Opened(Prior prior, PriorFamily<?> family, String name, ModelHeader header, List<String> classNames,
                         Path dir, String card) {}

    public static Opened open(Path given, NDManager m) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(PriorStore.KIND, given);
        PriorFamily<?> family;
        try {
            family = Families.prior(PriorStore.familyIn(header));
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid prior spec: " + e.getMessage(), e);
        }
        if (!family.imported()) {
            PriorStore.Loaded ours = PriorStore.load(given, m);
            TransformerPrior p = ours.prior();
            return new Opened(p, family, p.spec().name() + " (" + p.spec().kind() + ")", header, ours.classNames(), dir,
                    CheckpointDir.readCard(dir));
        }
        Record spec;
        try {
            spec = SpecJson.read(header.spec(), family.specType());
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid prior spec: " + e.getMessage(), e);
        }
        Prior p = family.build(m, spec);
        Weights.load(p.network(), dir.resolve(CheckpointDir.WEIGHTS));
        List<String> names = PriorStore.classNamesIn(dir);
        JsonElement name = header.spec().getAsJsonObject().get("name");
        return new Opened(p, family, name != null && name.isJsonPrimitive() ? name.getAsString() : dir.getFileName().toString(),
                header, names, dir, CheckpointDir.readCard(dir));
    }
}
