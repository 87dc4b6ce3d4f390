package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.core.UserMessages;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar vqstudio.jar COMMAND}: the command-line face of the bridge, for headless
 * training and batch work. Each sub-command is a thin shell over {@code VqBridge}.
 *
 * <p>A failure prints one line, {@code error: ...}, and exits with 1 (130 after Ctrl-C, 2 for a
 * wrong command line); with {@code --json} the same goes to stdout as {@code {"error": ..., "exit": ...}}.
 * {@code --verbose} (or {@code VQ_DEBUG=1}) adds the stack trace and the engine's own log lines.
 */
@Command(name = "vqstudio", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "VQ Studio: vector-quantized image modeling (ViT-VQGAN tokenizer + transformer priors).",
        subcommands = {InfoCommand.class, DatasetInfoCommand.class, TrainTokenizerCommand.class, EvalTokenizerCommand.class,
                EncodeCommand.class, DecodeCommand.class, ReconstructCommand.class, TokenizeCommand.class,
                TrainPriorCommand.class, EvalPriorCommand.class, SampleCommand.class, ResampleCommand.class, NllMapCommand.class, ProbeCommand.class,
                TrainClassifierCommand.class, EvalClassifierCommand.class, EvalSamplesCommand.class,
                ExportCommand.class, ImportModelCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    static final int STOPPED = 130;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace (for a bug report), and show the engine's log lines.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose") || debugEnv();
        quietEngineLogs(verbose);
        EngineRuntime.configureOffline();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            ParseResult leaf = leaf(parsed);
            if (verbose) {
                ex.printStackTrace(cmd.getErr());
            }
            boolean json = leaf.hasMatchedOption("--json");
            return report(ex, json ? new PrintWriter(System.out, true) : cmd.getErr(), json, inputs(leaf));
        });
        cli.setParameterExceptionHandler((ex, given) -> {
            if (!Arrays.asList(given).contains("--json")) {
                return usageError(ex);
            }
            System.out.println(Json.output(error(ex.getMessage(), 2)));
            return 2;
        });
        return cli.execute(args);
    }

    /**
     * DJL's log lines (engine start, thread counts, buffer-size warnings) are for developers: off
     * unless asked for. Set before DJL makes its first logger, which reads them once.
     */
    private static void quietEngineLogs(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", verbose ? "info" : "off");
        }
        if (verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    static boolean debugEnv() {
        String v = System.getenv("VQ_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** What a failed command prints, and its exit code: a user-facing line, or nothing after Ctrl-C. */
    static int report(Exception ex, PrintWriter err) {
        return report(ex, err, false, null);
    }

    /**
     * @param json   print {@code {"error": ..., "exit": ...}} instead of {@code error: ...}
     * @param inputs the files the command was given, e.g. "--model runs/a": named when the failure itself names none
     */
    static int report(Exception ex, PrintWriter out, boolean json, String inputs) {
        boolean stopped = ex instanceof CancelledException;
        int code = stopped ? STOPPED : 1;
        if (json) {
            out.println(Json.output(error(stopped ? "stopped" : UserMessages.describe(ex, inputs), code)));
        } else if (!stopped) { // after Ctrl-C, JobRunner has printed the job's stop summary
            out.println("error: " + UserMessages.describe(ex, inputs));
        }
        out.flush();
        return code;
    }

    private static Map<String, Object> error(String message, int exit) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("error", message);
        o.put("exit", exit);
        return o;
    }

    private static ParseResult leaf(ParseResult parsed) {
        ParseResult p = parsed;
        while (p.subcommand() != null) {
            p = p.subcommand();
        }
        return p;
    }

    /** The file and directory arguments of a parsed command, e.g. "--model runs/a, IMAGE cat.png"; null if none. */
    private static String inputs(ParseResult leaf) {
        List<ArgSpec> args = leaf.matchedArgs();
        String s = args.stream().filter(a -> isPath(a.getValue()))
                .map(a -> (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel()) + " "
                        + pathText(a.getValue()))
                .distinct().collect(Collectors.joining(", "));
        return s.isEmpty() ? null : s;
    }

    private static boolean isPath(Object v) {
        return v instanceof Path || (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Path);
    }

    private static String pathText(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(v);
    }

    /** A usage error: one line naming the option, a hint, picocli's exit code 2; never the whole usage text. */
    static int usageError(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"VQ Studio " + io.vqstudio.bridge.api.VqBridge.version()};
        }
    }
}
