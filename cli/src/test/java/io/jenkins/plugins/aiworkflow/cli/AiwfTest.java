package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code aiwf} turns exceptions met while running into exit codes and messages. */
class AiwfTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine validate = validate(err);

    @Test
    void shouldReportBadInputInOneLineWithExitCodeTwo() {
        // given
        Aiwf.BadInputMessage handler = new Aiwf.BadInputMessage();

        // when
        int invalid = handler.handleExecutionException(
                new InvalidRequestException("maxFailures must be >= 0, was -1"), validate, null);
        int refused = handler.handleExecutionException(
                new WorkspaceException("path '/etc' is absolute (or a UNC path)"), validate, null);
        int unwritable = handler.handleExecutionException(
                new IOException("--json file 'out' cannot be written"), validate, null);

        // then
        assertThat(invalid).isEqualTo(Aiwf.USAGE);
        assertThat(refused).isEqualTo(Aiwf.USAGE);
        assertThat(unwritable).isEqualTo(Aiwf.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "aiwf validate: maxFailures must be >= 0, was -1 (option --max-failures)",
                "aiwf validate: path '/etc' is absolute (or a UNC path)",
                "aiwf validate: --json file 'out' cannot be written");
    }

    @Test
    void shouldNotNameAnOptionWhenTheMessageStartsWithNoParameter() {
        // when
        String hint = Aiwf.BadInputMessage.optionHint(new InvalidRequestException("something else went wrong"),
                validate);

        // then
        assertThat(hint).isEmpty();
    }

    @Test
    void shouldReportAnUnexpectedExceptionAsAnInternalErrorWithItsStackTrace() {
        // when
        int exitCode = new Aiwf.BadInputMessage().handleExecutionException(
                new IllegalStateException("reading test reports failed"), validate, null);

        // then
        assertThat(exitCode).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("aiwf validate: internal error, please report it")
                .contains("java.lang.IllegalStateException: reading test reports failed")
                .contains("\tat ");
    }

    @Test
    void shouldReportAnErrorThatPassesPicocliAsAnInternalErrorNotAsAnotherExitCode() {
        // given: a command failing as a class missing from the jar would
        CommandLine failing = new CommandLine(new MissingClass());
        failing.setErr(new PrintWriter(err, true));

        // when
        int exitCode = Aiwf.run(failing);

        // then
        assertThat(exitCode).isEqualTo(Aiwf.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("missing: internal error, please report it")
                .contains("java.lang.NoClassDefFoundError: com/openai/models/Example")
                .contains("\tat ");
    }

    @Test
    void shouldSetUpOnlyTheNamedCommandSoStartUpReadsNoOtherCommandsOptions() {
        // when
        CommandLine forValidate = Aiwf.commandLine("validate", "--reports", "x.xml");
        CommandLine forImplement = Aiwf.commandLine("implement", "--intent", "x");

        // then
        assertThat(forValidate.getSubcommands()).containsOnlyKeys("validate");
        assertThat(forImplement.getSubcommands()).containsOnlyKeys("implement");
    }

    @Test
    void shouldSetUpEveryCommandForHelpAndForAMistypedCommand() {
        // given
        StringWriter out = new StringWriter();
        CommandLine mistyped = Aiwf.commandLine("valdate");
        mistyped.setErr(new PrintWriter(err, true));

        // when
        int exitCode = Aiwf.run(mistyped, "valdate");
        CommandLine help = Aiwf.commandLine("help");
        help.setOut(new PrintWriter(out, true));
        Aiwf.run(help, "help");

        // then: suggestions and the command list name every command, as before
        assertThat(Aiwf.commandLine().getSubcommands()).containsOnlyKeys("validate", "implement", "help");
        assertThat(exitCode).isEqualTo(Aiwf.USAGE);
        assertThat(err.toString()).contains("validate");
        assertThat(out.toString()).contains("validate").contains("implement");
    }

    @Test
    void shouldGiveEachOutcomeItsOwnExitCode() {
        // then
        assertThat(java.util.List.of(Aiwf.PASSED, Aiwf.FAILED, Aiwf.USAGE, Aiwf.INTERNAL_ERROR, Aiwf.LIMIT,
                Aiwf.AGENT_ERROR)).doesNotHaveDuplicates().containsExactly(0, 1, 2, 3, 4, 5);
    }

    @CommandLine.Command(name = "missing")
    static final class MissingClass implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new NoClassDefFoundError("com/openai/models/Example");
        }
    }

    private static CommandLine validate(StringWriter err) {
        CommandLine aiwf = Aiwf.commandLine();
        aiwf.setErr(new PrintWriter(err, true));
        return aiwf.getSubcommands().get("validate");
    }
}
