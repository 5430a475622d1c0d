package io.jenkins.plugins.aiworkflow.engine.text;

/**
 * Head-and-tail truncation with an explicit marker, used for everything that goes into
 * a prompt, a log or a report: the start usually says what happened, the end where.
 */
public final class Truncation {
    private Truncation() {
    }

    /** The marker put between head and tail, e.g. {@code [... 1234 chars truncated ...]}. */
    public static String marker(long truncatedChars) {
        return "\n[... " + truncatedChars + " chars truncated ...]\n";
    }

    /**
     * Returns {@code text} unchanged when it has at most {@code maxChars} characters,
     * otherwise its head and tail (about half each) around a marker naming how many
     * characters were left out. The result may exceed {@code maxChars} by the marker's length.
     */
    public static String headTail(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        if (maxChars <= 0) {
            return marker(text.length()).strip();
        }
        int head = (maxChars + 1) / 2;
        int tail = maxChars - head;
        return text.substring(0, head) + marker(text.length() - (long) head - tail)
                + text.substring(text.length() - tail);
    }
}
