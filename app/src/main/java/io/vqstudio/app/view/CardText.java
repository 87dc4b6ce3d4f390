package io.vqstudio.app.view;

import java.util.regex.Pattern;

/**
 * A model card's Markdown as plain text for a wrapping text area: lines the author wrapped by hand
 * are joined into their paragraph or list item, so the area's own wrapping is the only one; headings,
 * list items, tables, code fences and blank lines keep their line breaks.
 */
final class CardText {

    /** A line that starts a block of its own rather than continuing the one above. */
    private static final Pattern BLOCK_START = Pattern.compile("^\\s*([-*+] |\\d+[.)] |#|\\||```|>)");

    private CardText() {}

    static String reflow(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean joinable = false; // the previous line is prose that a continuation may extend
        boolean fenced = false;
        for (String line : markdown.strip().split("\\R", -1)) {
            boolean fence = line.strip().startsWith("```");
            if (!fenced && joinable && !line.isBlank() && !BLOCK_START.matcher(line).find()) {
                out.append(' ').append(line.strip());
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(fenced ? line : line.stripTrailing());
            if (fence) {
                fenced = !fenced;
            }
            joinable = !fenced && !fence && !line.isBlank() && !line.strip().startsWith("#")
                    && !line.strip().startsWith("|");
        }
        return out.toString();
    }
}
