package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code aiwf} turns its arguments into a command, and exceptions met while running into exit codes and messages. */
class AiwfTest {
    private final StringWriter err = new StringWriter();
    private final AiwfCommand validate = new ValidateCommand(Map.of());

    @Test
    void shouldReportBadInputInOneLineWithExitCodeTwo() {
        // given
        PrintWriter stderr = new PrintWriter(err, true);

        // when
        int invalid = Aiwf.BadInputMessage.report("aiwf validate", validate,
                new InvalidRequestException("maxFailures", "maxFailures must be >= 0, was -1", null), stderr);
        int refused = Aiwf.BadInputMessage.report("aiwf validate", validate,
                new InvalidRequestException("path", "path '/etc' is absolute (or a UNC path)", null), stderr);
        int unreadable = Aiwf.BadInputMessage.report("aiwf validate", validate,
                new WorkspaceException("could not list files in /w: Permission denied"), stderr);
        int unwritable = Aiwf.BadInputMessage.report("aiwf validate", validate,
                new IOException("--json file 'out' cannot be written"), stderr);

        // then
        assertThat(List.of(invalid, refused, unreadable, unwritable)).containsOnly(Aiwf.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "aiwf validate: maxFailures must be >= 0, was -1 (option --max-failures)",
                "aiwf validate: path '/etc' is absolute (or a UNC path)",
                "aiwf validate: could not list files in /w: Permission denied",
                "aiwf validate: --json file 'out' cannot be written");
    }

    @Test
    void shouldNameTheOptionOfTheRefusedParameterOnlyWhenTheCommandHasIt() {
        // when: the parameter decides, never the message's words
        String none = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("maxFailures went wrong"),
                validate);
        String notAnOption = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("maxTurns",
                "maxTurns must be >= 1", null), validate);
        String named = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("maxDetailedCases",
                "maxDetailedCases must be >= 0, was -1", null), validate);
        String otherWords = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("reports",
                "path '../x' leads outside the workspace", null), validate);
        String workspace = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("workspace",
                "workspace root 'x' is not a directory", null), validate);
        String notBadInput = Aiwf.BadInputMessage.optionHint(new IllegalStateException("maxFailures"), validate);

        // then
        assertThat(none).isEmpty();
        assertThat(notAnOption).isEmpty();
        assertThat(named).isEqualTo(" (option --max-detailed-cases)");
        assertThat(otherWords).isEqualTo(" (option --reports)");
        assertThat(workspace).isEqualTo(" (option --workspace)");
        assertThat(notBadInput).isEmpty();
    }

    @Test
    void shouldReportAnUnexpectedExceptionAsAnInternalErrorWithItsStackTrace() {
        // when
        int exitCode = Aiwf.BadInputMessage.report("aiwf validate", validate,
                new IllegalStateException("reading test reports failed"), new PrintWriter(err, true));

        // then
        assertThat(exitCode).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("aiwf validate: internal error, please report it")
                .contains("java.lang.IllegalStateException: reading test reports failed")
                .contains("\tat ");
    }

    @Test
    void shouldReportAnErrorThatACommandThrowsAsAnInternalErrorNotAsAnotherExitCode() {
        // given: a command failing as a class missing from the jar would
        AiwfCommand missingClass = new FailingCommand(new NoClassDefFoundError("com/openai/models/Example"));

        // when
        int exitCode = Aiwf.call("aiwf missing", missingClass, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        // then
        assertThat(exitCode).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("aiwf missing: internal error, please report it")
                .contains("java.lang.NoClassDefFoundError: com/openai/models/Example")
                .contains("\tat ");
    }

    @Test
    void shouldReportAnOptionThatACommandDeclaresButDoesNotTakeAsAnInternalError() {
        // given: a command whose option handling has a bug
        AiwfCommand command = new FailingCommand(new AssertionError("not run"));

        // when
        int exitCode = Aiwf.execute(command, new String[] {"missing", "--x", "1"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        // then: exit code 3 with the stack trace, not the JVM's 1 for an exception out of main
        assertThat(exitCode).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("aiwf missing: internal error, please report it")
                .contains("java.lang.IllegalStateException: option --x is declared but not handled")
                .contains("\tat ");
    }

    @Test
    void shouldSuggestTheCommandWhenOneIsMistyped() {
        // when
        Run mistyped = run("valdate", "--reports", "*.xml");
        Run helpOfMistyped = run("help", "implemnt");

        // then
        assertThat(mistyped.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(mistyped.err.lines()).containsExactly("aiwf: Unknown command: 'valdate'",
                "Did you mean validate?", "Try 'aiwf --help' for the options and the values they accept.");
        assertThat(mistyped.out).isEmpty();
        assertThat(helpOfMistyped.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(helpOfMistyped.err).contains("Unknown command: 'implemnt'", "Did you mean implement?");
    }

    @Test
    void shouldSuggestTheTopLevelOptionWhenOneIsMistyped() {
        // when
        Run run = run("--verison");

        // then
        assertThat(run.exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(run.err).contains("aiwf: Unknown option: '--verison'", "Did you mean --version?");
    }

    @Test
    void shouldListEveryCommandInTheHelpOfAiwf() {
        // when
        Run help = run("help");
        Run option = run("--help");
        Run shortOption = run("-h");

        // then
        assertThat(help.exitCode).isZero();
        assertThat(help.out).startsWith("Usage: aiwf [-hV] COMMAND");
        assertThat(help.out.replaceAll("\\s+", " ")).contains("Commands:", "validate", "Decide with the quality gate whether a test run is good enough.",
                        "implement", "Let a tool-calling agent change the workspace to fulfil an intent.",
                        "help [COMMAND]", "Exit codes:", "See 'aiwf help COMMAND'");
        assertThat(option.out).isEqualTo(help.out);
        assertThat(shortOption.out).isEqualTo(help.out);
    }

    @Test
    void shouldShowTheHelpOfACommandAndOfHelp() {
        // when
        Run ofValidate = run("help", "validate");
        Run validateHelp = run("validate", "-h");
        Run ofHelp = run("help", "help");

        // then
        assertThat(ofValidate.exitCode).isZero();
        assertThat(ofValidate.out).startsWith("Usage: aiwf validate --reports=GLOB").isEqualTo(validateHelp.out);
        assertThat(ofHelp.exitCode).isZero();
        assertThat(ofHelp.out).startsWith("Usage: aiwf help [COMMAND]").contains("validate", "implement");
    }

    @Test
    void shouldKeepEveryHelpLineWithinEightyColumns() {
        // when
        List<String> lines = new java.util.ArrayList<>();
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"validate", "--help"},
                new String[] {"implement", "--help"}, new String[] {"refine", "--help"},
                new String[] {"help", "help"})) {
            lines.addAll(run(args).out.lines().toList());
        }

        // then
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
    }

    @Test
    void shouldGiveEachOutcomeItsOwnExitCode() {
        // then
        assertThat(List.of(Aiwf.PASSED, Aiwf.FAILED, Aiwf.USAGE, Aiwf.INTERNAL_ERROR, Aiwf.LIMIT,
                Aiwf.AGENT_ERROR)).doesNotHaveDuplicates().containsExactly(0, 1, 2, 3, 4, 5);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Aiwf.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** A command whose run throws what it is given. */
    private static final class FailingCommand implements AiwfCommand {
        private final Error error;

        FailingCommand(Error error) {
            this.error = error;
        }

        @Override
        public String name() {
            return "missing";
        }

        @Override
        public List<CliOption> options() {
            return List.of(CliOption.value("--x", "N", "An option this command forgot to take."));
        }

        @Override
        public void set(String option, String value) {
            throw new IllegalStateException("option " + option + " is declared but not handled");
        }

        @Override
        public int call(PrintWriter out) {
            throw error;
        }

        @Override
        public CommandHelp help() {
            throw new IllegalStateException("no help");
        }
    }
}
