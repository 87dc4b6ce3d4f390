package io.vqstudio.app.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/** The studio's pages, in navigation order (Ctrl+1 ... Ctrl+5). */
public enum Page {
    WORKSPACE("Workspace", MaterialDesignI.IMAGE_MULTIPLE),
    CODEBOOK("Codebook", MaterialDesignV.VIEW_GRID),
    SAMPLE("Sample", MaterialDesignD.DICE_MULTIPLE),
    TRAIN("Train", MaterialDesignC.CHART_LINE),
    MODELS("Models", MaterialDesignC.CUBE_OUTLINE);

    private final String title;
    private final Ikon icon;

    Page(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }
}
