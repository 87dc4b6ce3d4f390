package io.vqstudio.bridge.torchsave;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python values the unpickler builds besides Java's own (String, Long, BigInteger, Double,
 * Boolean, null for None, byte[], ArrayList for list, LinkedHashSet for set): tuples, references
 * to globals, dicts that carry attributes, and inert stand-ins for harmless objects. None of them
 * can run anything; they only hold what the pickle said.
 */
final class Py {

    private Py() {}

    /** A Python tuple. */
    record Tuple(List<Object> items) {
        Tuple {
            items = java.util.Collections.unmodifiableList(new ArrayList<>(items)); // may hold null (None)
        }

        static Tuple of(List<Object> items) {
            return new Tuple(items);
        }

        int size() {
            return items.size();
        }

        Object get(int i) {
            return items.get(i);
        }
    }

    /** A global named by the pickle (GLOBAL, STACK_GLOBAL, INST): only a name, never looked up. */
    record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /**
     * A dict (also an OrderedDict), with the attributes a BUILD may give it (an OrderedDict of a
     * state dict carries {@code _metadata} this way).
     */
    static final class Dict extends LinkedHashMap<Object, Object> {
        final Map<Object, Object> attributes = new LinkedHashMap<>();
    }

    /**
     * A harmless object the pickle builds (an {@code argparse.Namespace}, a numpy scalar, a path):
     * its class name, the arguments it was built from and the state a BUILD gave it, nothing else.
     */
    static final class Inert {
        final String className;
        final List<Object> args;
        Object state;

        Inert(String className, List<Object> args) {
            this.className = className;
            this.args = args;
        }
    }

    /** The Python name of a value's type, for messages. */
    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Py.Global g) {
            return "global " + g.qualified();
        }
        if (o instanceof Py.Inert i) {
            return i.className + " object";
        }
        return switch (o.getClass().getSimpleName()) {
            case "Long", "BigInteger" -> "int";
            case "Double" -> "float";
            case "String" -> "str";
            case "byte[]" -> "bytes";
            case "ArrayList" -> "list";
            case "Tuple" -> "tuple";
            case "Dict" -> "dict";
            case "LinkedHashSet" -> "set";
            case "TensorRef" -> "tensor";
            default -> o.getClass().getSimpleName();
        };
    }
}
