package io.vqstudio.app.view;

import io.vqstudio.app.viewmodel.TrainViewModel.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Three live line charts over a run's metric points: training losses, validation quality, codebook usage. */
final class TrainCharts {

    final LineChart<Number, Number> losses = chart("Training losses");
    final LineChart<Number, Number> validation = chart("Validation PSNR / SSIM");
    final LineChart<Number, Number> usage = chart("Codebook usage over time");
    private final Map<String, XYChart.Series<Number, Number>> series = new HashMap<>();

    TrainCharts(ObservableList<Point> points) {
        points.addListener((ListChangeListener<Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && points.isEmpty() || c.wasReplaced()) {
                    clear();
                    add(points);
                    return;
                }
                if (c.wasAdded()) {
                    add(c.getAddedSubList());
                }
            }
        });
        add(points);
    }

    private void clear() {
        series.clear();
        for (LineChart<Number, Number> ch : List.of(losses, validation, usage)) {
            ch.getData().clear();
        }
    }

    private void add(List<? extends Point> pts) {
        for (Point p : pts) {
            LineChart<Number, Number> target = chartFor(p.key());
            if (target == null || !Double.isFinite(p.value())) {
                continue;
            }
            XYChart.Series<Number, Number> s = series.computeIfAbsent(p.key(), k -> {
                XYChart.Series<Number, Number> n = new XYChart.Series<>();
                n.setName(k);
                target.getData().add(n);
                return n;
            });
            s.getData().add(new XYChart.Data<>(p.step(), p.value()));
        }
    }

    private LineChart<Number, Number> chartFor(String key) {
        Predicate<String> usageKey = k -> k.contains("usage") || k.contains("perplexity");
        if (usageKey.test(key)) {
            return key.contains("perplexity") ? null : usage;
        }
        if (key.startsWith("train/") && key.endsWith("loss")) {
            return losses;
        }
        if (key.equals("val/psnr") || key.equals("val/ssim")) {
            return validation;
        }
        return null;
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.setPrefHeight(220);
        return c;
    }
}
