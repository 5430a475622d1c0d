package io.jenkins.plugins.aiworkflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --json} and {@code --markdown}, mixed into every command that writes a result: the
 * targets are checked before any work is done, so that a directory given as a file fails at
 * once, and written atomically afterwards, each announced on stdout. Where the JSON result is
 * documented differs per command, so each command words the help of {@code --json} in its
 * resource bundle under {@value #JSON_HELP_KEY}; the description here is only the fallback.
 */
final class ResultFiles {
    static final String JSON_HELP_KEY = "json";

    @Option(names = "--json", paramLabel = "FILE", descriptionKey = JSON_HELP_KEY,
            description = "Write the JSON result here; written atomically, parent directories created. Default: none.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Write a Markdown summary here, e.g. for a pull-request comment; written atomically. "
                    + "Default: none.")
    Path markdown;

    /** Fails naming the option when a target is a directory; call it before the work. */
    void checkTargets() throws IOException {
        AtomicFiles.checkTarget(json, "--json");
        AtomicFiles.checkTarget(markdown, "--markdown");
    }

    /**
     * Writes the files that were asked for and says so on {@code out}; a content is only made when
     * its file is asked for.
     */
    void write(PrintWriter out, AtomicFiles.Content jsonContent, Supplier<String> markdownText) throws IOException {
        if (json != null) {
            AtomicFiles.write(json, "--json", jsonContent);
            out.println("JSON result written to " + json);
        }
        if (markdown != null) {
            byte[] summary = markdownText.get().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(markdown, "--markdown", stream -> stream.write(summary));
            out.println("Markdown summary written to " + markdown);
        }
        out.flush();
    }
}
