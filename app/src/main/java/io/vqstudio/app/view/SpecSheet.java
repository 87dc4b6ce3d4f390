package io.vqstudio.app.view;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** A model's saved spec (JSON) as read-only ControlsFX property sheet items, grouped by top-level field. */
final class SpecSheet {

    private SpecSheet() {}

    static List<PropertySheet.Item> items(String specJson) {
        List<PropertySheet.Item> out = new ArrayList<>();
        try {
            JsonElement root = JsonParser.parseString(specJson);
            if (root.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                    flatten(out, e.getValue().isJsonObject() ? e.getKey() : "model", e.getKey(), e.getValue());
                }
            }
        } catch (RuntimeException e) {
            out.add(new Item("spec", "unreadable", e.getMessage()));
        }
        return out;
    }

    private static void flatten(List<PropertySheet.Item> out, String category, String name, JsonElement v) {
        if (v.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
                flatten(out, category, name + "." + e.getKey(), e.getValue());
            }
        } else {
            out.add(new Item(category, name, v.isJsonNull() ? "-" : v.isJsonPrimitive() ? v.getAsString() : v.toString()));
        }
    }

    private record Item(String category, String name, String value) implements PropertySheet.Item {
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return name + " = " + value;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object o) {
            // read-only: a checkpoint's spec describes its weights
        }

        @Override
        public boolean isEditable() {
            return false;
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.empty();
        }
    }
}
