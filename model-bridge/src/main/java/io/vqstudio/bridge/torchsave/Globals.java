package io.vqstudio.bridge.torchsave;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pickle may name and call. A global is only a name ({@link Py.Global}); nothing is ever
 * looked up or run. Naming a module that could reach the system or the interpreter (os, posix,
 * subprocess, sys, builtins' eval/exec/getattr/__import__, importlib...) is refused at once, as
 * is calling any global outside the short list below: OrderedDict, PyTorch's tensor rebuilders,
 * and classes whose instances we keep as inert data. Anything else may appear as a value (a
 * callback class used as a dict key) but never be called.
 */
final class Globals {

    private Globals() {}

    /** Module roots a pickle may not even name: they reach the system, the interpreter or code. */
    private static final Set<String> DENIED_ROOTS = Set.of(
            "os", "posix", "nt", "subprocess", "sys", "importlib", "runpy", "shutil", "socket", "pickle",
            "_pickle", "marshal", "ctypes", "code", "codeop", "pty", "multiprocessing", "threading", "_thread",
            "signal", "types", "functools", "operator", "io", "_io", "tempfile", "webbrowser", "pdb", "bdb",
            "timeit", "platform", "asyncio", "inspect", "gc", "weakref", "site", "sysconfig", "ast", "dill",
            "posixpath", "ntpath", "glob", "urllib", "http", "smtplib", "ftplib", "zipimport", "pkgutil");

    /** Builtins that are plain data types; every other builtin (eval, exec, getattr, open...) is refused. */
    private static final Set<String> DATA_BUILTINS = Set.of(
            "set", "frozenset", "bytearray", "slice", "complex", "object", "list", "dict", "tuple",
            "int", "float", "str", "bytes", "bool", "range");

    /** Classes whose instances are kept as {@link Py.Inert} data when the pickle builds one. */
    private static final Set<String> INERT_CLASSES = Set.of(
            "argparse.Namespace", "builtins.slice", "builtins.complex", "builtins.object",
            "numpy.dtype", "numpy.ndarray", "numpy.core.multiarray.scalar", "numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray.scalar", "numpy._core.multiarray._reconstruct",
            "pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath",
            "torch.device");

    /** Refuses a global a pickle may not even name. */
    static Py.Global reference(String module, String name) {
        if (module.isEmpty() || name.isEmpty() || !module.matches("[\\w.]{1,200}") || !name.matches("[\\w.]{1,200}")) {
            throw new BadFile("names an unreadable global '" + module + " " + name + "'");
        }
        String root = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        boolean builtins = root.equals("builtins") || root.equals("__builtin__");
        if (DENIED_ROOTS.contains(root) || builtins && !DATA_BUILTINS.contains(name) || name.startsWith("__")) {
            throw new BadFile("refuses " + module + "." + name + " (a pickle may only build tensors and containers)");
        }
        return new Py.Global(module, name);
    }

    /** The value of calling {@code g} with {@code args} (REDUCE, NEWOBJ, INST, OBJ), if allowed. */
    static Object call(Py.Global g, List<Object> args) {
        String q = g.qualified();
        switch (q) {
            case "collections.OrderedDict", "builtins.dict":
                if (!args.isEmpty()) {
                    throw new BadFile("builds " + q + " from arguments (a pickle of torch.save fills it by SETITEMS)");
                }
                return new Py.Dict();
            case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2":
                return rebuildTensor(args);
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                if (args.isEmpty() || !(args.get(0) instanceof TensorRef)) {
                    throw new BadFile("builds a parameter from something other than a tensor");
                }
                return args.get(0);
            case "torch.Size", "builtins.tuple":
                return Py.Tuple.of(args.isEmpty() ? List.of() : sequence(args.get(0), q));
            case "builtins.list":
                return new ArrayList<>(args.isEmpty() ? List.of() : sequence(args.get(0), q));
            case "builtins.set", "builtins.frozenset": {
                Set<Object> s = new LinkedHashSet<>();
                for (Object o : args.isEmpty() ? List.of() : sequence(args.get(0), q)) {
                    s.add(Unpickler.hashable(o));
                }
                return s;
            }
            case "builtins.bytearray":
                return args.size() == 1 && args.get(0) instanceof byte[] b ? b.clone() : new byte[0];
            case "copyreg._reconstructor":
                // copyreg._reconstructor(cls, object, None): object.__new__(cls), no __init__; kept as data
                if (args.size() == 3 && args.get(0) instanceof Py.Global cls
                        && args.get(1) instanceof Py.Global base && base.qualified().equals("builtins.object")
                        && args.get(2) == null && INERT_CLASSES.contains(cls.qualified())) {
                    return new Py.Inert(cls.qualified(), List.of());
                }
                break;
            default:
                if (INERT_CLASSES.contains(q)) {
                    return new Py.Inert(q, java.util.Collections.unmodifiableList(new ArrayList<>(args)));
                }
        }
        throw new BadFile("refuses to call " + q + " (a pickle may only build tensors and containers)");
    }

    private static List<Object> sequence(Object o, String q) {
        if (o instanceof Py.Tuple t) {
            return t.items();
        }
        if (o instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new BadFile("builds " + q + " from a " + Py.typeName(o));
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static TensorRef rebuildTensor(List<Object> a) {
        if (a.size() < 4 || a.size() > 7 || !(a.get(0) instanceof Storage storage)) {
            throw new BadFile("rebuilds a tensor from arguments that are not (storage, offset, size, stride, ...)");
        }
        long offset = integer(a.get(1), "storage offset");
        long[] size = longs(a.get(2), "size");
        long[] stride = longs(a.get(3), "stride");
        if (size.length != stride.length || size.length > 64) {
            throw new BadFile("rebuilds a tensor whose size and stride do not match");
        }
        // checked against its storage once its key names it (Checkpoints.name), so the message can name it
        return new TensorRef("?", storage, offset, size, stride);
    }

    private static long integer(Object o, String what) {
        if (o instanceof Long l) {
            return l;
        }
        throw new BadFile("rebuilds a tensor whose " + what + " is a " + Py.typeName(o));
    }

    private static long[] longs(Object o, String what) {
        if (!(o instanceof Py.Tuple t)) {
            throw new BadFile("rebuilds a tensor whose " + what + " is a " + Py.typeName(o));
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(t.get(i), what);
        }
        return out;
    }
}
