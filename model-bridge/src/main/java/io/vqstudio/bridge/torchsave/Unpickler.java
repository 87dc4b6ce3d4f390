package io.vqstudio.bridge.torchsave;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pickle reader for what {@code torch.save} writes (protocols 2 to 5: containers, numbers,
 * strings, bytes, memo, persistent ids), that builds values and never runs code: globals are
 * names ({@link Globals} says which may be named and called), objects are Java values
 * ({@link Py}). Every length is checked against the bytes left before anything is allocated;
 * stack, mark depth and memo are bounded, so a hostile pickle ends in {@link BadFile}, never in an
 * OutOfMemoryError, a StackOverflowError or a hang. Out-of-band buffers, the extension registry and
 * protocol 0's quoted strings are refused: torch.save never writes them.
 */
final class Unpickler {

    static final int MAX_MARKS = 1000;
    static final int MAX_STACK = 1 << 22;
    static final int MAX_KEY_DEPTH = 8;

    private final ByteBuffer in;
    private final Function<Object, Object> persistentLoad;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final int[] marks = new int[MAX_MARKS];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();

    /** Reads from {@code in}'s position to the STOP opcode; {@code persistentLoad} maps a persistent id to a value. */
    Unpickler(ByteBuffer in, Function<Object, Object> persistentLoad) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.persistentLoad = persistentLoad;
    }

    /** The pickled value; {@code in} is left just after its STOP opcode. */
    Object load() {
        while (true) {
            int at = in.position();
            int op = u8();
            try {
                if (op == '.') {
                    if (stack.size() != 1 || markCount != 0) {
                        throw new BadFile("ends with " + stack.size() + " values on its stack");
                    }
                    return stack.get(0);
                }
                step(op);
            } catch (BadFile e) {
                throw e.getMessage().contains(", at pickle byte ") ? e
                        : new BadFile(e.getMessage() + ", at pickle byte " + at + " (opcode 0x" + Integer.toHexString(op) + ")");
            }
        }
    }

    private void step(int op) {
        switch (op) {
            case 0x80 -> { // PROTO
                int p = u8();
                if (p > 5) {
                    throw new BadFile("pickle protocol " + p + " is newer than 5");
                }
            }
            case 0x95 -> take(8); // FRAME: a length hint only; the bytes follow as usual
            case '(' -> {
                if (markCount == MAX_MARKS) {
                    throw new BadFile("pickle nests deeper than " + MAX_MARKS + " marks");
                }
                marks[markCount++] = stack.size();
            }
            case '0' -> pop();
            case '1' -> popMark();
            case '2' -> push(peek());
            case 'N' -> push(null);
            case 0x88 -> push(Boolean.TRUE);
            case 0x89 -> push(Boolean.FALSE);
            case 'J' -> push((long) in.getInt(need(4)));
            case 'K' -> push((long) u8());
            case 'M' -> push((long) (in.getShort(need(2)) & 0xffff));
            case 0x8a -> push(bigLong(u8()));
            case 0x8b -> push(bigLong(length(4)));
            case 'I' -> push(textInt(line()));
            case 'L' -> push(textLong(line()));
            case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble()); // big-endian, as pickle writes it
            case 'F' -> push(textFloat(line()));
            case 'X' -> push(utf8(length(4)));
            case 0x8c -> push(utf8(u8()));
            case 0x8d -> push(utf8(length(8)));
            case 'T' -> push(new String(bytes(length(4)), StandardCharsets.ISO_8859_1));
            case 'U' -> push(new String(bytes(u8()), StandardCharsets.ISO_8859_1));
            case 'B' -> push(bytes(length(4)));
            case 'C' -> push(bytes(u8()));
            case 0x8e, 0x96 -> push(bytes(length(8)));
            case ')' -> push(Py.Tuple.of(List.of()));
            case 't' -> push(Py.Tuple.of(popMark()));
            case 0x85 -> tupleOf(1);
            case 0x86 -> tupleOf(2);
            case 0x87 -> tupleOf(3);
            case ']' -> push(new ArrayList<>());
            case 'l' -> push(new ArrayList<>(popMark()));
            case 'a' -> list(peek(1), "APPEND").add(pop());
            case 'e' -> {
                List<Object> items = popMark();
                list(peek(), "APPENDS").addAll(items);
            }
            case '}' -> push(new Py.Dict());
            case 'd' -> {
                Py.Dict d = new Py.Dict();
                putAll(d, popMark());
                push(d);
            }
            case 's' -> {
                Object value = pop(), key = pop();
                dict(peek()).put(hashable(key), value);
            }
            case 'u' -> {
                List<Object> items = popMark();
                putAll(dict(peek()), items);
            }
            case 0x8f -> push(new LinkedHashSet<>());
            case 0x90 -> {
                List<Object> items = popMark();
                if (!(peek() instanceof Set<?>)) {
                    throw new BadFile("ADDITEMS to a " + Py.typeName(peek()));
                }
                @SuppressWarnings("unchecked") Set<Object> s = (Set<Object>) peek();
                for (Object o : items) {
                    s.add(hashable(o));
                }
            }
            case 0x91 -> {
                Set<Object> s = new LinkedHashSet<>();
                for (Object o : popMark()) {
                    s.add(hashable(o));
                }
                push(s);
            }
            case 'g' -> push(memoGet(textLong(line())));
            case 'h' -> push(memoGet(u8()));
            case 'j' -> push(memoGet(in.getInt(need(4)) & 0xffffffffL));
            case 'p' -> memo.put(textLong(line()), peek());
            case 'q' -> memo.put((long) u8(), peek());
            case 'r' -> memo.put(in.getInt(need(4)) & 0xffffffffL, peek());
            case 0x94 -> memo.put((long) memo.size(), peek());
            case 'c' -> push(Globals.reference(line(), line()));
            case 0x93 -> {
                Object name = pop(), module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new BadFile("STACK_GLOBAL of a " + Py.typeName(module) + " and a " + Py.typeName(name));
                }
                push(Globals.reference(m, n));
            }
            case 'R' -> {
                Object args = pop(), callable = pop();
                push(Globals.call(global(callable), tuple(args).items()));
            }
            case 0x81 -> {
                Object args = pop(), cls = pop();
                push(Globals.call(global(cls), tuple(args).items()));
            }
            case 0x92 -> {
                Object kwargs = pop(), args = pop(), cls = pop();
                if (!(kwargs instanceof Py.Dict d) || !d.isEmpty()) {
                    throw new BadFile("NEWOBJ_EX with keyword arguments");
                }
                push(Globals.call(global(cls), tuple(args).items()));
            }
            case 'i' -> {
                Py.Global g = Globals.reference(line(), line());
                push(Globals.call(g, popMark()));
            }
            case 'o' -> {
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw new BadFile("OBJ without a class");
                }
                push(Globals.call(global(items.get(0)), items.subList(1, items.size())));
            }
            case 'b' -> build(pop(), peek());
            case 'Q' -> push(persistentLoad.apply(pop()));
            case 'P' -> throw new BadFile("a text persistent id (torch.save writes binary ones)");
            default -> throw new BadFile("is not one torch.save writes (or not a pickle opcode)");
        }
    }

    /** BUILD: only a dict's attributes or an inert object's state; nothing else takes state. */
    private static void build(Object state, Object target) {
        if (target instanceof Py.Dict d && state instanceof Py.Dict s) {
            d.attributes.putAll(s);
        } else if (target instanceof Py.Inert o) {
            o.state = state;
        } else if (!(target instanceof TensorRef && state == null)) {
            throw new BadFile("BUILD of a " + Py.typeName(target) + " with a " + Py.typeName(state));
        }
    }

    private void tupleOf(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        push(Py.Tuple.of(java.util.Arrays.asList(items)));
    }

    private static void putAll(Map<Object, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new BadFile("an odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            d.put(hashable(items.get(i)), items.get(i + 1));
        }
    }

    /** A value that may be a dict key or set member: scalars, globals, inert objects, shallow tuples of these. */
    static Object hashable(Object k) {
        if (!isHashable(k, 0)) {
            throw new BadFile("an unhashable dict key or set member (" + Py.typeName(k) + ")");
        }
        return k;
    }

    private static boolean isHashable(Object k, int depth) {
        if (k instanceof Py.Tuple t) {
            if (depth >= MAX_KEY_DEPTH) {
                return false;
            }
            for (Object o : t.items()) {
                if (!isHashable(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return k == null || k instanceof String || k instanceof Long || k instanceof BigInteger || k instanceof Double
                || k instanceof Boolean || k instanceof Py.Global || k instanceof Py.Inert;
    }

    private Object memoGet(long i) {
        if (!memo.containsKey(i)) {
            throw new BadFile("reads memo entry " + i + ", which was never stored");
        }
        return memo.get(i);
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw new BadFile("pickle holds more than " + MAX_STACK + " values on its stack");
        }
        stack.add(o);
    }

    private int floor() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private Object pop() {
        if (stack.size() <= floor()) {
            throw new BadFile("takes a value from an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        return peek(0);
    }

    private Object peek(int below) {
        if (stack.size() - below <= floor()) {
            throw new BadFile("takes a value from an empty stack");
        }
        return stack.get(stack.size() - 1 - below);
    }

    private List<Object> popMark() {
        if (markCount == 0) {
            throw new BadFile("closes a mark that was never opened");
        }
        int from = marks[--markCount];
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private static Py.Global global(Object o) {
        if (o instanceof Py.Global g) {
            return g;
        }
        throw new BadFile("calls a " + Py.typeName(o) + ", which is not a class or function");
    }

    private static Py.Tuple tuple(Object o) {
        if (o instanceof Py.Tuple t) {
            return t;
        }
        throw new BadFile("calls with arguments that are a " + Py.typeName(o) + ", not a tuple");
    }

    private static List<Object> list(Object o, String op) {
        if (o instanceof ArrayList<?>) {
            @SuppressWarnings("unchecked") List<Object> l = (List<Object>) o;
            return l;
        }
        throw new BadFile(op + " to a " + Py.typeName(o));
    }

    private static Py.Dict dict(Object o) {
        if (o instanceof Py.Dict d) {
            return d;
        }
        throw new BadFile("SETITEM on a " + Py.typeName(o));
    }

    // ---- reading bytes: every length is checked against what is left before it is used ----

    private int need(int n) {
        if (in.remaining() < n) {
            throw new BadFile("pickle is truncated");
        }
        int at = in.position();
        in.position(at + n);
        return at;
    }

    private int u8() {
        return in.get(need(1)) & 0xff;
    }

    private void take(int n) {
        need(n);
    }

    private int length(int width) {
        long n = width == 4 ? in.getInt(need(4)) & 0xffffffffL : in.getLong(need(8));
        if (n < 0 || n > in.remaining()) {
            throw new BadFile("pickle is truncated (a length of " + n + " with " + in.remaining() + " bytes left)");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(need(n), b);
        return b;
    }

    private String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private Object bigLong(int n) {
        byte[] le = bytes(n);
        byte[] be = new byte[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** A newline-ended ASCII line (GLOBAL, INST, INT, GET...), at most 512 bytes. */
    private String line() {
        int start = in.position();
        int end = Math.min(in.limit(), start + 512);
        for (int i = start; i < end; i++) {
            if (in.get(i) == '\n') {
                String s = new String(bytes(i - start), StandardCharsets.US_ASCII);
                in.position(i + 1);
                return s;
            }
        }
        throw new BadFile(in.remaining() < 512 ? "pickle is truncated" : "a text line longer than 512 bytes");
    }

    private static Object textInt(String s) {
        return switch (s) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> textLong(s);
        };
    }

    private static long textLong(String s) {
        try {
            return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
            throw new BadFile("an unreadable integer '" + s + "'");
        }
    }

    private static double textFloat(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadFile("an unreadable float '" + s + "'");
        }
    }
}
