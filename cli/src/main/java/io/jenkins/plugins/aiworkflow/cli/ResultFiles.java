package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.output.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * {@code --json} and {@code --markdown}, shared by every command that writes a result: the
 * targets are checked before any work is done, so that a directory given as a file fails at
 * once, and written atomically afterwards, each announced on stdout. Where the JSON result is
 * documented differs per command, so each command words the help of {@code --json}
 * ({@link SharedOptionsHelp}).
 */
final class ResultFiles {
    static final String JSON = "--json";
    static final String MARKDOWN = "--markdown";
    static final String MARKDOWN_HELP = "Write a Markdown summary here, e.g. for a pull-request comment; written "
            + "atomically. Default: none.";

    Path json;
    Path markdown;

    /** {@code --json} worded by the command. */
    static CliOption jsonOption(SharedOptionsHelp help) {
        return CliOption.value(JSON, "FILE", help.json());
    }

    static CliOption markdownOption() {
        return CliOption.value(MARKDOWN, "FILE", MARKDOWN_HELP);
    }

    /** Takes the value if {@code option} is {@code --json} or {@code --markdown}; false for any other option. */
    boolean set(String option, String value) {
        if (JSON.equals(option)) {
            json = Path.of(value);
            return true;
        }
        if (MARKDOWN.equals(option)) {
            markdown = Path.of(value);
            return true;
        }
        return false;
    }

    /** True when a file is asked for: only then are its contents made. */
    boolean requested() {
        return json != null || markdown != null;
    }

    /** Fails naming the option when a target is a directory; call it before the work. */
    void checkTargets() throws IOException {
        if (json != null) {
            AtomicFiles.checkTarget(json, JSON);
        }
        if (markdown != null) {
            AtomicFiles.checkTarget(markdown, MARKDOWN);
        }
    }

    /**
     * Writes the files that were asked for and says so on {@code out}; a content is only made when
     * its file is asked for.
     */
    void write(PrintWriter out, AtomicFile.Content jsonContent, Supplier<String> markdownText) throws IOException {
        if (json != null) {
            AtomicFiles.write(json, JSON, jsonContent);
            out.println("JSON result written to " + json);
        }
        if (markdown != null) {
            byte[] summary = markdownText.get().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(markdown, MARKDOWN, stream -> stream.write(summary));
            out.println("Markdown summary written to " + markdown);
        }
        out.flush();
    }
}
