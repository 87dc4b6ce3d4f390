package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.JobCancelledException;
import io.vqstudio.bridge.api.UserMessages;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar vqstudio.jar COMMAND}: the command-line face of the bridge, for headless
 * training and batch work. Each sub-command is a thin shell over {@code VqBridge}.
 */
@Command(name = "vqstudio", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "VQ Studio: vector-quantized image modeling (ViT-VQGAN tokenizer + transformer priors).",
        subcommands = {InfoCommand.class, DatasetInfoCommand.class, TrainTokenizerCommand.class, EvalTokenizerCommand.class,
                EncodeCommand.class, DecodeCommand.class, ReconstructCommand.class, TokenizeCommand.class,
                TrainPriorCommand.class, EvalPriorCommand.class, SampleCommand.class, ResampleCommand.class, NllMapCommand.class, ProbeCommand.class,
                ExportCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code of a command stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    static final int STOPPED = 130;

    public static void main(String[] args) {
        EngineRuntime.configureOffline();
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        EngineRuntime.configureOffline();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr()));
        cli.setParameterExceptionHandler((ex, ignoredArgs) -> usageError(ex));
        return cli.execute(args);
    }

    /** What a failed command prints, and its exit code: a user-facing line, or nothing after Ctrl-C. */
    static int report(Exception ex, PrintWriter err) {
        if (ex instanceof JobCancelledException) {
            return STOPPED; // JobRunner has printed the job's stop summary
        }
        err.println("error: " + UserMessages.describe(ex));
        return 1;
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
