package io.vqstudio.bridge.io;

/**
 * A model spec that cannot be built, with the field at fault named as the user wrote it in
 * spec.json: {@code "encoder.layers = 1000000000 is out of range (1..256)"}. A record's constructor
 * knows only its own field names ({@code "layers"}); {@link SpecJson} adds where the record sits in
 * the file ({@code "encoder."}) as the exception passes out of it.
 */
public final class SpecException extends IllegalArgumentException {

    private final String field;
    private final String problem;
    private final boolean located;

    /**
     * @param field   the field's name in its record, e.g. {@code "layers"} or {@code "channelMult[2]"}
     * @param problem what is wrong, worded to follow the name: {@code "= 0 is out of range (1..256)"}
     */
    public SpecException(String field, String problem) {
        this(field, problem, false);
    }

    private SpecException(String field, String problem, boolean located) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
        this.located = located;
    }

    /** The field, with its path from the spec's root once {@link SpecJson} has placed it. */
    public String field() {
        return field;
    }

    /** A problem with the value at {@code jsonPath} itself (Gson's {@code "$.encoder.layers"}). */
    static SpecException located(String jsonPath, String problem) {
        return new SpecException(jsonPath.startsWith("$.") ? jsonPath.substring(2) : "spec", problem, true);
    }

    /**
     * This problem inside the record read at {@code jsonPath} (Gson's {@code "$.encoder"}; {@code "$"} is
     * the root). Placed once: the innermost record's reader sees the full path, the outer ones pass it on.
     */
    SpecException at(String jsonPath) {
        if (located) {
            return this;
        }
        String prefix = jsonPath.startsWith("$.") ? jsonPath.substring(2) + "." : "";
        SpecException e = new SpecException(prefix + field, problem, true);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
