package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.output.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a result file atomically ({@link AtomicFile}: readers see the old content or the whole new
 * content, never a part; missing parent directories are created), naming the option on failure.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * @param target the file to (re)place
     * @param option the option that named it, for messages
     * @throws IOException naming the option and the file when it cannot be written
     */
    static void write(Path target, String option, AtomicFile.Content content) throws IOException {
        checkTarget(target, option);
        try {
            AtomicFile.replace(target, content);
        } catch (IOException | UncheckedIOException e) {
            throw new IOException(option + " file '" + target + "' cannot be written (" + AtomicFile.describe(e)
                    + "); accepted: a file path whose directory exists or can be created and is writable", e);
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
}
