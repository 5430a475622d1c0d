package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineListener;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRunJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
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
            throw new IOException("the report directory '" + directory + "' cannot be created (" + describe(e)
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

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with the content in one step, through a temporary file in the same directory. */
    private static void replace(Path target, Content content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            OutputStream out = null;
            // CREATE_NEW never opens a file or link planted under the name: the name need only be unique
            for (int attempt = 0; out == null; attempt++) {
                temporary = directory.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    temporary = null;
                    if (attempt == 99) {
                        throw e;
                    }
                }
            }
            try (OutputStream written = out) {
                content.writeTo(written);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | UncheckedIOException e) {
            throw new IOException("the report '" + target + "' cannot be written (" + describe(e)
                    + "); accepted: a report directory that is writable", e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }
}
