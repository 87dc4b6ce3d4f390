package io.vqstudio.bridge.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class and overall accuracy of a classifier on images of known classes, counted as they
 * come. The classes are the source's (a data set's or a prior's), in its order; the overall
 * accuracy is over every image counted, so a class with more images weighs more.
 */
public final class ClassScores {

    /**
     * One class's count, or the total (id -1).
     *
     * @param accuracy correct / images, NaN without images
     */
    public record Row(int id, String name, long images, long correct, double accuracy) {
        static Row of(int id, String name, long images, long correct) {
            return new Row(id, name, images, correct, images == 0 ? Double.NaN : (double) correct / images);
        }
    }

    private final List<String> names;
    private final long[] images;
    private final long[] correct;

    /** Counts for the classes named {@code names} (index = class id). */
    public ClassScores(List<String> names) {
        this.names = List.copyOf(names);
        this.images = new long[names.size()];
        this.correct = new long[names.size()];
    }

    /** Counts one image of class {@code id}, classified rightly or not. */
    public void add(int id, boolean right) {
        images[id]++;
        if (right) {
            correct[id]++;
        }
    }

    /** One row per class, in class order. */
    public List<Row> perClass() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(Row.of(i, names.get(i), images[i], correct[i]));
        }
        return rows;
    }

    /** Every image counted. */
    public Row overall() {
        long n = 0, c = 0;
        for (int i = 0; i < images.length; i++) {
            n += images[i];
            c += correct[i];
        }
        return Row.of(-1, "overall", n, c);
    }
}
