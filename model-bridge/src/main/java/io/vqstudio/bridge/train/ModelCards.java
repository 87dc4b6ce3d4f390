package io.vqstudio.bridge.train;

import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.time.LocalDate;

/** Short markdown model cards written beside every checkpoint. */
public final class ModelCards {

    private ModelCards() {}

    public static String tokenizer(TokenizerTrainSpec run, long step, String codesOf) {
        TrainableTokenizerSpec m = run.model();
        StringBuilder sb = new StringBuilder();
        sb.append("# Tokenizer `").append(m.name()).append("`\n\n");
        sb.append("- Family: ").append(m.family()).append(", ").append(m.resolution()).append("x")
                .append(m.resolution()).append(" images -> ").append(m.gridSize()).append("x").append(m.gridSize())
                .append(" tokens\n");
        sb.append("- Codebook: ").append(m.quantizer().codebookSize()).append(" codes, lookup dimension ")
                .append(m.quantizer().lookupDim()).append(m.quantizer().l2() ? ", l2-normalised" : ", not normalised")
                .append('\n');
        sb.append("- Losses: L2 ").append(m.loss().l2()).append(", logit-Laplace ").append(m.loss().logitLaplace())
                .append(", perceptual ").append(run.perceptualPath() == null ? "off (no feature network given)"
                        : m.loss().perceptual()).append(", adversarial ")
                .append(m.loss().usesDiscriminator() ? m.loss().adversarial() + " (" + m.loss().discriminator()
                        + " from step " + m.loss().discStart() + ")" : "off")
                .append('\n');
        sb.append("- Data: `").append(run.data()).append("`, ").append(Math.round(run.validationFraction() * 100))
                .append("% held out by a hash of each file name\n");
        sb.append("- Trained: ").append(step).append(" steps at batch ").append(run.batchSize())
                .append(" (").append(LocalDate.now()).append(")\n");
        if (run.decoderOnly()) {
            sb.append("- Decoder fine-tuned from `").append(run.decoderOf()).append("` (id ").append(codesOf)
                    .append("): its encoder and codebook were frozen, so it makes the same codes and keeps that id\n");
        }
        if (run.initFrom() != null) {
            sb.append("- Started from the weights of `").append(run.initFrom())
                    .append("` (blocks it lacked started as identities) and trained whole: new codes, a new id\n");
        }
        sb.append("\nWhen the data are ImageNet images (such as Tiny ImageNet), the weights inherit ImageNet's terms: "
                + "non-commercial research and education use only.\n");
        return sb.toString();
    }

    public static String prior(PriorTrainSpec run, io.vqstudio.bridge.prior.PriorSpec m, io.vqstudio.bridge.io.TokenFile.Header t,
                               long step) {
        return "# Prior `" + m.name() + "` (" + m.kind() + ")\n\n"
                + "- Transformer: " + m.layers() + " layers, width " + m.width() + ", " + m.heads() + " heads, MLP "
                + m.mlpDim() + ", dropout " + m.dropout() + "\n"
                + "- Models " + m.gridSize() + "x" + m.gridSize() + " grids of " + m.codebookSize() + " codes from tokenizer `"
                + t.tokenizerName() + "` (id " + t.tokenizerId() + ")\n"
                + "- Classes: " + m.numClasses() + " (class token in front; label dropout " + run.labelDropout()
                + " for classifier-free guidance)\n"
                + "- Data: `" + t.data() + "`, " + t.count() + " grids\n"
                + (run.initFrom() == null ? "" : "- Started from the weights of `" + run.initFrom() + "`\n")
                + "- Trained: " + step + " steps at batch " + run.batchSize() + " (" + LocalDate.now() + ")\n"
                + "\nWhen the data are ImageNet images (such as Tiny ImageNet), the weights inherit ImageNet's terms: "
                + "non-commercial research and education use only.\n";
    }

    public static String classifier(ClassifierTrainSpec run, io.vqstudio.bridge.classifier.ClassifierSpec m,
                                    java.util.List<String> classNames, long step) {
        return "# Classifier `" + m.name() + "`\n\n"
                + "- CNN: " + m.widths().size() + " stages of a 3x3 convolution, group norm and ReLU, widths " + m.widths()
                + ", 2x2 max pooling between them, global average pooling to " + m.featureDim() + " features, a linear head\n"
                + "- Input: " + m.resolution() + "x" + m.resolution() + " RGB; classes (" + m.classes() + "): "
                + String.join(", ", classNames.subList(0, Math.min(classNames.size(), 20)))
                + (classNames.size() > 20 ? ", ..." : "") + "\n"
                + "- Data: `" + run.data() + "`, " + Math.round(run.validationFraction() * 100)
                + "% held out by a hash of each file name\n"
                + "- Trained: " + step + " steps at batch " + run.batchSize() + " (" + LocalDate.now() + ")\n"
                + "- Use: scoring samples of class-conditional priors (`eval-samples`): the accuracy on them, and the Frechet"
                + " distance in its pooled features\n"
                + "\nWhen the data are ImageNet images (such as Tiny ImageNet), the weights inherit ImageNet's terms: "
                + "non-commercial research and education use only.\n";
    }
}
