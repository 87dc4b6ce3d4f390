package io.vqstudio.bridge.torchsave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an unpickled value into plain Java: Map (ordered), List (lists and tuples), Set, String,
 * Long, BigInteger, Double, Boolean, byte[], null, {@link Placeholder} and {@link TensorRef}. Each
 * tensor is named by the dict key it sits under and checked against its storage; a container
 * shared in the pickle is converted once; a cycle or nesting deeper than {@link #MAX_DEPTH} is
 * refused, so no hostile graph can exhaust the Java stack.
 */
final class Values {

    static final int MAX_DEPTH = 100;

    private final Map<Object, Object> done = new IdentityHashMap<>();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Object convert(Object v, String key, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BadFile("nests deeper than " + MAX_DEPTH + " containers (at " + path + ")");
        }
        if (v instanceof TensorRef t) {
            return t.named(key, path);
        }
        if (v instanceof Py.Global g) {
            return new Placeholder(g.qualified(), null);
        }
        if (v instanceof Storage s) {
            return new Placeholder("torch." + s.dtype + " storage", s.key);
        }
        if (!(v instanceof Map || v instanceof List || v instanceof Py.Tuple || v instanceof Set || v instanceof Py.Inert)) {
            return v; // scalars, strings, bytes
        }
        Object known = done.get(v);
        if (known != null) {
            return known;
        }
        if (!open.add(v)) {
            throw new BadFile("holds a container that contains itself (at " + path + ")");
        }
        Object out;
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = convert(e.getKey(), key, child(path, "key"), depth + 1);
                String name = e.getKey() instanceof String s ? s : String.valueOf(k);
                map.put(k, convert(e.getValue(), name, child(path, name), depth + 1));
            }
            out = Collections.unmodifiableMap(map);
        } else if (v instanceof Set<?> s) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object o : s) {
                set.add(convert(o, key, child(path, "item"), depth + 1));
            }
            out = Collections.unmodifiableSet(set);
        } else if (v instanceof Py.Inert o) {
            Object state = o.state != null ? o.state : o.args.isEmpty() ? null : o.args;
            out = new Placeholder(o.className, convert(state, key, child(path, o.className), depth + 1));
        } else {
            List<?> items = v instanceof Py.Tuple t ? t.items() : (List<?>) v;
            List<Object> list = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                list.add(convert(items.get(i), key, child(path, String.valueOf(i)), depth + 1));
            }
            out = Collections.unmodifiableList(list);
        }
        open.remove(v);
        done.put(v, out);
        return out;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }
}
