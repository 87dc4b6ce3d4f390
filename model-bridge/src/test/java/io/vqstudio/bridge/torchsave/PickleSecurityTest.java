package io.vqstudio.bridge.torchsave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile pickles: each names a command runner by another opcode, or hides it somewhere a
 * torch.save file has a pickle, and asks it to create a canary file. Each must be refused with
 * one line naming the file and the global, and the canary must never appear.
 */
class PickleSecurityTest {

    @TempDir
    static Path tmp;

    private static Path canary() {
        return tmp.resolve("CANARY");
    }

    private static String command() {
        return "touch " + canary();
    }

    @AfterEach
    void nothingRan() {
        assertThat(canary()).doesNotExist();
    }

    /** Payloads as a pickle value (no PROTO, no STOP), with the name the refusal must carry. */
    static Stream<Arguments> payloads() {
        return Stream.of(
                payload("GLOBAL os.system + REDUCE", "os.system", p -> p.global("os", "system").str(command()).op(0x85, 'R')),
                payload("GLOBAL posix.system", "posix.system", p -> p.global("posix", "system").str(command()).op(0x85, 'R')),
                payload("STACK_GLOBAL builtins.eval", "builtins.eval",
                        p -> p.str("builtins").str("eval").op(0x93).str("__import__('os').system('" + command() + "')").op(0x85, 'R')),
                payload("INST subprocess.Popen", "subprocess.Popen",
                        p -> p.op('(').op(']').op('(').str("touch").str(canary().toString()).op('e').op('i')
                                .raw("subprocess\nPopen\n".getBytes())),
                payload("OBJ posix.system", "posix.system", p -> p.op('(').global("posix", "system").str(command()).op('o')),
                payload("NEWOBJ subprocess.Popen", "subprocess.Popen",
                        p -> p.global("subprocess", "Popen").op('(').str(command()).op('t', 0x81)),
                payload("getattr chain", "builtins.getattr",
                        p -> p.global("builtins", "getattr").op('(').global("builtins", "__import__").str("os").op(0x85, 'R')
                                .str("system").op(0x86, 'R').str(command()).op(0x85, 'R')),
                payload("STACK_GLOBAL __import__", "builtins.__import__",
                        p -> p.str("builtins").str("__import__").op(0x93).str("os").op(0x85, 'R')),
                payload("an unknown callable", "evil.module.run",
                        p -> p.global("evil.module", "run").str(command()).op(0x85, 'R')),
                payload("a callback class called", "pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint",
                        p -> p.global("pytorch_lightning.callbacks.model_checkpoint", "ModelCheckpoint").op(')', 'R')));
    }

    private static Arguments payload(String how, String named, Function<PickleBytes, PickleBytes> value) {
        return Arguments.of(how, named, value);
    }

    @ParameterizedTest(name = "{0} as a top-level zip pickle")
    @MethodSource("payloads")
    void refusedAsTheWholeZipPickle(String how, String named, Function<PickleBytes, PickleBytes> value) throws Exception {
        byte[] pickle = value.apply(PickleBytes.proto2()).op('.').bytes();
        refused(PickleBytes.zip(tmp.resolve("whole.pt"), "archive", pickle, Map.of(), null), named);
    }

    @ParameterizedTest(name = "{0} inside a tensor's rebuild arguments")
    @MethodSource("payloads")
    void refusedInsideRebuildArguments(String how, String named, Function<PickleBytes, PickleBytes> value) throws Exception {
        // {"w": _rebuild_tensor_v2(storage, <payload as the offset>, (4,), (1,), False, OrderedDict())}
        PickleBytes p = PickleBytes.proto2().op('}').str("w").global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(4).op('t', 'Q');
        value.apply(p).ints(4).ints(1).op(0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R', 's', '.');
        Path file = PickleBytes.zip(tmp.resolve("rebuild.pt"), "m", p.bytes(), Map.of("0", PickleBytes.floats(1, 2, 3, 4)), null);
        refused(file, named);
    }

    @ParameterizedTest(name = "{0} inside a persistent id")
    @MethodSource("payloads")
    void refusedInsideAPersistentId(String how, String named, Function<PickleBytes, PickleBytes> value) throws Exception {
        PickleBytes p = PickleBytes.proto2().op('}').str("w").op('(').str("storage");
        value.apply(p).str("0").str("cpu").integer(4).op('t', 'Q', 's', '.');
        refused(PickleBytes.zip(tmp.resolve("pid.pt"), "m", p.bytes(), Map.of("0", PickleBytes.floats(1, 2, 3, 4)), null), named);
    }

    @ParameterizedTest(name = "{0} in the legacy sys_info pickle")
    @MethodSource("payloads")
    void refusedInTheLegacySysInfo(String how, String named, Function<PickleBytes, PickleBytes> value) throws Exception {
        byte[] sysInfo = PickleBytes.proto2().op('}').str("little_endian").apply(value).op('s', '.').bytes();
        byte[] main = PickleBytes.proto2().op('}', '.').bytes();
        refused(PickleBytes.legacy(tmp.resolve("legacy-sys.ckpt"), sysInfo, main, Map.of(), 4), named);
    }

    @ParameterizedTest(name = "{0} in the legacy main pickle")
    @MethodSource("payloads")
    void refusedInTheLegacyMainPickle(String how, String named, Function<PickleBytes, PickleBytes> value) throws Exception {
        byte[] main = PickleBytes.proto2().op('}').str("hyper_parameters").apply(value).op('s', '.').bytes();
        refused(PickleBytes.legacy(tmp.resolve("legacy-main.ckpt"), PickleBytes.sysInfo(), main, Map.of(), 4), named);
    }

    @Test
    void refusedInTheLegacyStorageKeysPickle() throws Exception {
        Path file = tmp.resolve("legacy-keys.ckpt");
        PickleBytes.legacy(file, PickleBytes.sysInfo(), PickleBytes.proto2().op('}', '.').bytes(), Map.of(), 4);
        byte[] bytes = Files.readAllBytes(file);
        byte[] keys = PickleBytes.proto2().op(']', '(').str("0").op('e', '.').bytes();
        byte[] evil = PickleBytes.proto2().global("os", "system").str(command()).op(0x85, 'R', '.').bytes();
        byte[] out = new byte[bytes.length - keys.length + evil.length];
        System.arraycopy(bytes, 0, out, 0, bytes.length - keys.length);
        System.arraycopy(evil, 0, out, bytes.length - keys.length, evil.length);
        refused(Files.write(file, out), "os.system");
    }

    @Test
    void harmlessGlobalsStayInertData() throws Exception {
        // {"hparams": argparse.Namespace() BUILD {"lr": 1}, "cb": {ModelCheckpoint: {"k": 1}}}
        PickleBytes p = PickleBytes.proto2().op('}', '(').str("hparams").global("argparse", "Namespace").op(')', 0x81)
                .op('}').str("lr").integer(1).op('s', 'b');
        p.str("cb").op('}').global("pytorch_lightning.callbacks.model_checkpoint", "ModelCheckpoint").op('}').str("k").integer(1)
                .op('s', 's', 'u', '.');
        Checkpoint c = TorchFile.read(PickleBytes.zip(tmp.resolve("inert.ckpt"), "last", p.bytes(), Map.of(), null));
        assertThat(c.entries().get("hparams")).isEqualTo(new Placeholder("argparse.Namespace", Map.of("lr", 1L)));
        assertThat(c.entries().get("cb")).isEqualTo(Map.of(
                new Placeholder("pytorch_lightning.callbacks.model_checkpoint.ModelCheckpoint", null), Map.of("k", 1L)));
    }

    private static void refused(Path file, String named) {
        assertThatThrownBy(() -> TorchFile.read(file))
                .isInstanceOf(TorchFileException.class)
                .hasMessageStartingWith(file.getFileName() + ": ")
                .hasMessageContaining(named)
                .hasMessageNotContaining("\n");
    }
}
