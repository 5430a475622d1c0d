package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A report file to read: the name used in results, and how to open its bytes. The opener
 * lets a workspace that lives elsewhere (a Jenkins agent) stream the file.
 */
public record ReportInput(String name, Opener opener) {
    /** Opens a fresh stream over the report's bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ReportInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    public static ReportInput of(Path file) {
        return of(file, file.toString());
    }

    public static ReportInput of(Path file, String name) {
        return new ReportInput(name, () -> Files.newInputStream(file));
    }
}
