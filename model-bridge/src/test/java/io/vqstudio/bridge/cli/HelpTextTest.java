package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What {@code COMMAND --help} prints: readable paragraphs and named option values, for every command. */
class HelpTextTest {

    private static final int WIDTH = new CommandLine(new Main()).getUsageHelpWidth(); // 80

    @Test
    void everyCommandDescriptionIsOneParagraphThatFillsItsLines() {
        for (CommandLine cmd : allCommands()) {
            List<String> lines = cmd.getHelp().description().lines().filter(l -> !l.isBlank()).toList();
            // Every line but the last of a wrapped paragraph is nearly full; a short line followed by
            // more text is a source line break leaking into the help ("ranked by their\nlikelihood").
            for (int i = 0; i < lines.size() - 1; i++) {
                assertThat(lines.get(i).length()).as("%s: line %d of %s", cmd.getCommandName(), i, lines)
                        .isGreaterThan(WIDTH - 20);
            }
        }
    }

    @Test
    void everyOptionThatTakesAValueNamesIt() {
        for (CommandLine cmd : allCommands()) {
            for (OptionSpec option : cmd.getCommandSpec().options()) {
                if (option.arity().max() > 0) {
                    assertThat(option.paramLabel()).as("%s %s", cmd.getCommandName(), option.longestName())
                            .doesNotStartWith("<");
                }
            }
        }
    }

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Main()), all);
        assertThat(all).hasSizeGreaterThan(15);
        return all;
    }

    private static void collect(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
