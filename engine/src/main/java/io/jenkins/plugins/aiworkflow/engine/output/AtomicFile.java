package io.jenkins.plugins.aiworkflow.engine.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a reader, or a process killed while writing, sees the old content or the whole new
 * content, never a part: the content goes to a temporary file next to the target, which is then moved over it.
 * What the results and reports of every adapter are written with; callers put their own words on a failure.
 */
public final class AtomicFile {
    /** Writes content to a stream; may throw I/O errors, checked or not. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces (or creates) {@code target} with the content, creating missing parent directories. On failure no
     * temporary file is left and the target is as it was.
     *
     * @throws IOException          if it cannot be written
     * @throws UncheckedIOException if the content threw one
     */
    public static void replace(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = null;
        try {
            OutputStream out = null;
            // CREATE_NEW: never an existing file or a link planted under the name, so the name need only be
            // unique, not secret (a SecureRandom costs tens of milliseconds of start-up); a taken name is retried.
            for (int attempt = 0; out == null; attempt++) {
                temporary = directory.resolve("." + absolute.getFileName() + "."
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
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** An I/O failure for a message: its type and message, the cause of an {@link UncheckedIOException}. */
    public static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }
}
