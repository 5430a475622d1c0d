package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.output.ConsoleSummary;
import io.jenkins.plugins.aiworkflow.engine.output.MarkdownSummary;
import io.jenkins.plugins.aiworkflow.engine.output.ResultJson;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aiwf validate}: runs the test command (optional), reads the JUnit XML reports and
 * applies the quality gate. Each option is the kebab-case form of the engine parameter it
 * sets ({@code requireTests} is {@code --require-tests}); an option not given keeps the engine's
 * default, which is also what help shows ({@link EngineDefaults}).
 *
 * <p>Every boolean is a negatable switch: {@code --require-tests} means true and
 * {@code --no-require-tests} false, whatever the default, so that the plain form never switches
 * off a condition that is on by default.
 */
public final class ValidateCommand implements AiwfCommand {
    static final String NAME = "validate";

    private static final SharedOptionsHelp SHARED = new SharedOptionsHelp(
            "Directory the command runs in and report globs are relative to. Default: the current directory.",
            "Write the JSON result here (docs/json-result.md); written atomically, parent directories created. "
                    + "Default: none.");

    /** The options in the order help shows them; built per run, which costs a few small objects. */
    private static List<CliOption> declareOptions() {
        List<CliOption> options = new ArrayList<>();
        ValidationOptions.declareCommand(options, "Repeatable; comma-separated lists are accepted. Required.",
                CliOption.value("--command", "CMD", "Shell command run first in the workspace (sh -c, cmd /c on "
                        + "Windows), such as 'mvn -B test'. Reports it did not write are ignored as stale. Default: "
                        + "none, the reports are only read."));
        options.add(WorkspaceOption.option(SHARED));
        options.add(CliOption.value("--baseline", "FILE", "JSON result file of an earlier run (written by --json) "
                + "to compare with: test count, skips and already failing tests (also by identity). Default: none."));
        options.add(ResultFiles.jsonOption(SHARED));
        options.add(ResultFiles.markdownOption());
        ValidationOptions.declareGate(options, true);
        return options;
    }

    private final List<CliOption> options = declareOptions();
    /** The environment commands run in the workspace inherit. */
    private final Map<String, String> environment;

    // every field starts at the engine's default: an option not given leaves it there
    final ValidationOptions validation = new ValidationOptions();
    final WorkspaceOption workspace = new WorkspaceOption();
    Path baseline;
    final ResultFiles resultFiles = new ResultFiles();

    /** @param environment what the command run in the workspace inherits */
    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CliOption> options() {
        return options;
    }

    @Override
    public void set(String option, String value) {
        if (workspace.set(option, value) || resultFiles.set(option, value) || validation.set(option, value)) {
            return;
        }
        if ("--baseline".equals(option)) {
            baseline = Path.of(value);
            return;
        }
        throw new IllegalStateException("option " + option + " is declared but not handled");
    }

    @Override
    public int call(PrintWriter out) throws IOException {
        ValidationRequest request = toRequest();
        resultFiles.checkTargets();
        LocalWorkspace root = workspace.open(environment);

        // validate holds no secret of its own (no API key) to mask
        EngineLog log = Aiwf.printingLog(out);
        ValidationResult result = new Validator().validate(request, root, log);
        for (String line : ConsoleSummary.render(result)) {
            out.println(line);
        }
        out.flush();
        if (resultFiles.requested()) {
            // only here: a lambda's class is made when its expression is first run
            resultFiles.write(out, stream -> ResultJson.write(result, stream), () -> MarkdownSummary.render(result));
        }
        return result.verdict().passed() ? Aiwf.PASSED : Aiwf.FAILED;
    }

    /** The one engine request these options stand for; the engine checks every value. */
    ValidationRequest toRequest() {
        return validation.toRequest(baseline == null ? null : readBaseline(baseline));
    }

    private static Baseline readBaseline(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Baseline.read(in, file.toString());
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "does not exist"
                    : e instanceof AccessDeniedException ? "is not readable (access denied)"
                    : "cannot be read (" + e.getMessage() + ")";
            throw new InvalidRequestException("baseline", "baseline '" + file + "' " + why
                    + "; accepted: a JSON result file written by 'aiwf validate --json' or aiValidate", e);
        }
    }

    @Override
    public CommandHelp help() {
        return new CommandHelp("aiwf validate --reports=GLOB[,GLOB...] [--command=CMD] [OPTIONS]",
                List.of("Decide with the quality gate whether a test run is good enough.",
                        "Runs the test command (optional), reads the JUnit XML reports it wrote and applies the gate. "
                                + "The gate is strict by default: tests must have run, none may fail, every report "
                                + "must be readable and the command must exit 0.",
                        "Engine log lines and the verdict with its reasons go to stdout, usage errors to stderr."),
                List.of(new CommandHelp.ExitCode(Aiwf.PASSED, "the quality gate passed"),
                        new CommandHelp.ExitCode(Aiwf.FAILED, "the quality gate failed; the reasons are printed"),
                        new CommandHelp.ExitCode(Aiwf.USAGE, "bad usage or unreadable input: unknown option, bad "
                                + "value, missing --reports, unreadable baseline, refused glob, missing workspace, "
                                + "output file not writable"),
                        new CommandHelp.ExitCode(Aiwf.INTERNAL_ERROR, "internal error (a bug): the stack trace is "
                                + "printed")),
                List.of("Relative --baseline, --json and --markdown paths are resolved against the current "
                                + "directory; report globs and the command against --workspace.",
                        "",
                        "Example:",
                        "  aiwf validate --command 'mvn -B test' \\",
                        "      --reports '**/target/surefire-reports/TEST-*.xml' \\",
                        "      --json target/aiwf/result.json"),
                EngineDefaults.DEFAULTS);
    }

    /** The engine's default of each option, as help shows it: those of the validation step's options. */
    static final class EngineDefaults {
        static final Map<String, String> DEFAULTS = ValidationOptions.EngineDefaults.DEFAULTS;

        private EngineDefaults() {
        }
    }
}
