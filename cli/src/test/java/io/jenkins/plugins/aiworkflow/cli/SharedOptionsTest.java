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
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

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
        OptionSpec workspace = Aiwf.commandLine().getSubcommands().get(command).getCommandSpec()
                .findOption("--workspace");

        // then
        assertThat(workspace.defaultValue()).isEqualTo(".");
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
        StringWriter err = new StringWriter();
        CommandLine commandLine = Aiwf.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), err.toString());
    }

    private record Run(int exitCode, String err) {
    }

    private static Map<String, String> descriptions(String command) {
        CommandLine commandLine = Aiwf.commandLine().getSubcommands().get(command);
        return Map.of("--workspace", description(commandLine, "--workspace"), "--json",
                description(commandLine, "--json"), "--markdown", description(commandLine, "--markdown"));
    }

    private static String description(CommandLine commandLine, String option) {
        OptionSpec spec = commandLine.getCommandSpec().findOption(option);
        return String.join(" ", spec.description()).replace("${DEFAULT-VALUE}", String.valueOf(spec.defaultValue()));
    }
}
