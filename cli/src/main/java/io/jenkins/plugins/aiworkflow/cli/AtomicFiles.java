package io.jenkins.plugins.aiworkflow.cli;

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
 * Writes a file so that readers see either the old content or the whole new content, never
 * a part: the content goes to a temporary file next to the target, which is then moved
 * over it. Missing parent directories are created.
 */
final class AtomicFiles {
    /** Writes content to a stream; may throw I/O errors, checked or not. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * @param target the file to (re)place
     * @param option the option that named it, for messages
     * @throws IOException naming the option and the file when it cannot be written
     */
    static void write(Path target, String option, Content content) throws IOException {
        checkTarget(target, option);
        Path absolute = target.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
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
        } catch (IOException | UncheckedIOException e) {
            throw new IOException(option + " file '" + target + "' cannot be written (" + describe(e)
                    + "); accepted: a file path whose directory exists or can be created and is writable", e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Fails early, before any work is done, when the target is a directory. */
    static void checkTarget(Path target, String option) throws IOException {
        if (target != null && Files.isDirectory(target)) {
            throw new IOException(option + " file '" + target + "' is a directory; accepted: a file path such as '"
                    + example(option) + "'");
        }
    }

    private static String example(String option) {
        return switch (option) {
            case "--json" -> "target/aiwf/result.json";
            case "--transcript" -> "target/aiwf/transcript.jsonl";
            default -> "target/aiwf/result.md";
        };
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }
}
