package io.vqstudio.app.view;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.viewmodel.ResampleViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Resampling the selected cells: the class to redraw them as, the sampling form, run/cancel (and why a
 * run cannot start yet), and stepping through the candidates.
 */
final class ResamplePanel extends VBox {

    ResamplePanel(ResampleViewModel vm) {
        getStyleClass().add("side-panel");
        setSpacing(8);
        Label title = new Label("Resample region");
        title.getStyleClass().add("section-title");
        Button run = Icons.button(MaterialDesignS.SHUFFLE_VARIANT, "Resample", "Redraw the selected cells with the prior (Ctrl+R)", vm::run);
        run.setId("resample-run");
        run.setDefaultButton(false);
        Button cancel = Icons.button(MaterialDesignC.CLOSE, "Cancel", "Stop sampling", vm::cancel);
        cancel.disableProperty().bind(vm.runningProperty().not());
        run.disableProperty().bind(vm.runningProperty());

        Label which = new Label();
        which.setId("candidate-label");
        which.textProperty().bind(Bindings.createStringBinding(() -> {
            int i = vm.indexProperty().get();
            if (vm.runningProperty().get()) {
                return "sampling...";
            }
            if (i < 0 || i >= vm.candidates().size()) {
                return "no candidates";
            }
            return String.format("candidate %d of %d, log-likelihood %.1f", i + 1, vm.candidates().size(),
                    vm.candidates().get(i).candidate().logLikelihood());
        }, vm.indexProperty(), vm.runningProperty(), vm.candidates()));
        which.setWrapText(true);
        Button prev = Icons.button(MaterialDesignC.CHEVRON_LEFT, null, "Previous candidate", vm::previous);
        Button next = Icons.button(MaterialDesignC.CHEVRON_RIGHT, null, "Next candidate", vm::next);
        Button accept = Icons.button(MaterialDesignC.CHECK, "Accept", "Use this candidate (an undoable edit)", vm::accept);
        accept.setId("resample-accept");
        Button discard = Icons.button(MaterialDesignC.CLOSE, "Discard", "Keep the image as it was", vm::discard);
        for (Button b : new Button[] {prev, next, accept, discard}) {
            b.disableProperty().bind(vm.indexProperty().lessThan(0));
        }
        ClassPicker classes = new ClassPicker(vm.classChoice(), "resample-class-list", 140);
        getChildren().addAll(title, classes, SamplingFormView.build(vm.form(), true), new HBox(6, run, cancel),
                ClassPicker.why(vm.classChoice().missingProperty(), "resample-why"), which,
                new HBox(6, prev, next, accept, discard));
    }
}
