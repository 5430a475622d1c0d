package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRunJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes the three reports of a refine run into one directory: the run JSON ({@value #JSON},
 * {@link RefineRunJson}), the Markdown summary ({@value #MARKDOWN}, {@link RefineMarkdownSummary}) and the HTML
 * report ({@value #HTML}, {@link RefineHtmlReport}). The loop's listener calls it after every iteration and at
 * the end, so an abort or a kill loses nothing already done. Each file is replaced atomically (a temporary file
 * next to it, then moved over it): a reader, or a run killed while writing, sees the previous report or the new
 * one, never a part. {@link #listener} is the listener that does it.
 */
public final class RefineReports {
    public static final String JSON = "refine.json";
    public static final String MARKDOWN = "refine.md";
    public static final String HTML = "refine.html";

    private RefineReports() {
    }

    /**
     * @param result   the run, finished or so far
     * @param intent   what the agent was asked to do (shown by the Markdown and HTML reports, masked by the redactor)
     * @param redactor masks the registered secrets ({@code RefineRequest::redact}) in the intent and the run JSON's
     *                 strings; the result's texts arrive masked, the Markdown and HTML reports show them as they are
     * @param directory where the reports go; created when missing
     * @return the files written: the JSON, the Markdown and the HTML report
     * @throws IOException naming the file that could not be written; a file already written stays
     */
    public static List<Path> write(RefineResult result, String intent, UnaryOperator<String> redactor, Path directory)
            throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("the report directory '" + directory + "' cannot be created (" + AtomicFile.describe(e)
                    + "); accepted: a directory that exists or can be created, and is writable", e);
        }
        Path json = directory.resolve(JSON);
        Path markdown = directory.resolve(MARKDOWN);
        Path html = directory.resolve(HTML);
        replace(json, out -> RefineRunJson.write(result, redactor, out));
        String maskedIntent = intent == null ? null : redactor.apply(intent);
        String markdownText = RefineMarkdownSummary.render(result, maskedIntent);
        replace(markdown, out -> out.write(markdownText.getBytes(StandardCharsets.UTF_8)));
        String htmlText = RefineHtmlReport.render(result, maskedIntent);
        replace(html, out -> out.write(htmlText.getBytes(StandardCharsets.UTF_8)));
        return List.of(json, markdown, html);
    }

    /**
     * A listener that writes the reports after every iteration (the partial result) and at the end (the final
     * one), with {@link #write}. A report that cannot be written throws an {@link UncheckedIOException} naming
     * it, which the loop logs as a warning without stopping the run; the next iteration tries again.
     */
    public static RefineListener listener(String intent, UnaryOperator<String> redactor, Path directory) {
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(directory, "directory");
        return new RefineListener() {
            @Override
            public void iterationFinished(IterationRecord record, RefineResult soFar) {
                writeUnchecked(soFar);
            }

            @Override
            public void finished(RefineResult result) {
                writeUnchecked(result);
            }

            private void writeUnchecked(RefineResult result) {
                try {
                    write(result, intent, redactor, directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }

    /** Replaces {@code target} with the content in one step ({@link AtomicFile}), naming it on failure. */
    private static void replace(Path target, AtomicFile.Content content) throws IOException {
        try {
            AtomicFile.replace(target, content);
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("the report '" + target + "' cannot be written (" + AtomicFile.describe(e)
                    + "); accepted: a report directory that is writable", e);
        }
    }
}
