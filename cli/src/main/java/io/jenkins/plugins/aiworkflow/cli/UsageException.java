package io.jenkins.plugins.aiworkflow.cli;

/**
 * A problem with the command line itself: an unknown option or command, a missing or malformed
 * value. {@code aiwf} prints the message, the suggestion if there is one, and where the help is,
 * and exits with {@value Aiwf#USAGE}.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String suggestion;

    UsageException(String message) {
        this(message, null);
    }

    /**
     * @param suggestion a line such as {@code Did you mean --max-failures?}, or null
     */
    UsageException(String message, String suggestion) {
        super(message, null, false, false);
        this.suggestion = suggestion;
    }

    /** A line such as {@code Did you mean --max-failures?}, or null. */
    String suggestion() {
        return suggestion;
    }
}
