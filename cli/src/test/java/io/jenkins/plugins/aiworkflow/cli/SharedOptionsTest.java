package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options every command shares (--workspace, --json, --markdown): one declaration, each command's words. */
class SharedOptionsTest {
    @TempDir
    Path directory;

    @Test
    void shouldWordTheSharedOptionsForEachCommand() {
        // when
        Map<String, String> validate = descriptions("validate");
        Map<String, String> implement = descriptions("implement");

        // then
        assertThat(validate.get("--workspace")).isEqualTo("Directory the command runs in and report globs are "
                + "relative to. Default: the current directory.");
        assertThat(validate.get("--json")).contains("(docs/json-result.md)");
        assertThat(implement.get("--workspace")).isEqualTo("The directory the agent works in; every path it uses "
                + "is relative to it. Default: the current directory.");
        assertThat(implement.get("--json")).contains("(docs/cli.md)");
        assertThat(implement.get("--markdown")).isEqualTo(validate.get("--markdown"))
                .isEqualTo("Write a Markdown summary here, e.g. for a pull-request comment; written atomically. "
                        + "Default: none.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "implement"})
    void shouldWorkInTheCurrentDirectoryByDefault(String command) {
        // when
        WorkspaceOption workspace = command.equals("validate") ? new ValidateCommand(Map.of()).workspace
                : new ImplementCommand(Map.of()).workspace;
        String help = HelpTexts.optionHelp(run(command, "--help").out(), "--workspace=DIR");

        // then
        assertThat(workspace.workspace).isEqualTo(Path.of("."));
        assertThat(help).endsWith("Default: the current directory.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "implement"})
    void shouldShowTheSharedOptionsInTheHelpOfEachCommand(String command) {
        // when
        String help = run(command, "--help").out();

        // then
        assertThat(HelpTexts.optionHelp(help, "--json=FILE")).startsWith("Write the JSON result here");
        assertThat(HelpTexts.optionHelp(help, "--markdown=FILE")).isEqualTo(ResultFiles.MARKDOWN_HELP);
    }

    @Test
    void shouldExitTwoNamingTheOptionWhenTheWorkspaceDoesNotExist() throws IOException {
        // given
        String missing = directory.resolve("missing").toString();
        Path script = Files.writeString(directory.resolve("script.json"), "{\"turns\": []}");

        // when
        Run validate = run("validate", "--workspace", missing, "--reports", "*.xml");
        Run implement = run("implement", "--workspace", missing, "--intent", "x", "--model", "replay:" + script);

        // then
        assertThat(List.of(validate, implement)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(Aiwf.USAGE);
            assertThat(run.err()).contains("workspace root '" + missing + "' does not exist",
                    "accepted: an existing directory (option --workspace)");
        });
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Aiwf.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Map<String, String> descriptions(String command) {
        AiwfCommand aiwfCommand = command.equals("validate") ? new ValidateCommand(Map.of())
                : new ImplementCommand(Map.of());
        return Map.of("--workspace", description(aiwfCommand, "--workspace"), "--json",
                description(aiwfCommand, "--json"), "--markdown", description(aiwfCommand, "--markdown"));
    }

    private static String description(AiwfCommand command, String option) {
        return HelpText.description(OptionParser.find(command.options(), option), command.help().defaults());
    }
}
