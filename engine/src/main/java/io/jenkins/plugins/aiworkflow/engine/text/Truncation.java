package io.jenkins.plugins.aiworkflow.engine.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Head-and-tail truncation with an explicit marker, used for everything that goes into
 * a prompt, a log or a report: the start usually says what happened, the end where. A cut never
 * splits a surrogate pair (a character outside the BMP, such as an emoji): half of one is not text,
 * and a JSON or UTF-8 encoder would turn it into '?' or refuse it.
 */
public final class Truncation {
    private static final Pattern MARKER = Pattern.compile("\n\\[\\.\\.\\. (\\d{1,18}) chars truncated \\.\\.\\.]\n");

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
        int head = headChars(text, (maxChars + 1) / 2);
        int tail = tailChars(text, maxChars - (maxChars + 1) / 2);
        return text.substring(0, head) + marker(text.length() - (long) head - tail)
                + text.substring(text.length() - tail);
    }

    /** {@code head} characters of the text's start, one fewer when that would end inside a surrogate pair. */
    static int headChars(CharSequence text, int head) {
        return head > 0 && head < text.length() && Character.isHighSurrogate(text.charAt(head - 1))
                && Character.isLowSurrogate(text.charAt(head)) ? head - 1 : head;
    }

    /** {@code tail} characters of the text's end, one fewer when that would start inside a surrogate pair. */
    static int tailChars(CharSequence text, int tail) {
        int start = text.length() - tail;
        return tail > 0 && start > 0 && Character.isLowSurrogate(text.charAt(start))
                && Character.isHighSurrogate(text.charAt(start - 1)) ? tail - 1 : tail;
    }

    /**
     * Like {@link #headTail}, for a text that may have been cut by it before: when the text holds one
     * marker and the new head and tail lie outside it, the new marker counts the characters left out of
     * the original text, so the count stays exact.
     */
    public static String headTailAgain(String text, int maxChars) {
        if (text == null || text.length() <= maxChars || maxChars <= 0) {
            return headTail(text, maxChars);
        }
        Matcher marker = MARKER.matcher(text);
        if (marker.find()) {
            int start = marker.start();
            int end = marker.end();
            long leftOut = Long.parseLong(marker.group(1));
            int head = headChars(text, (maxChars + 1) / 2);
            int tail = tailChars(text, maxChars - (maxChars + 1) / 2);
            if (!marker.find() && start >= head && text.length() - end >= tail) {
                long original = text.length() - (long) (end - start) + leftOut;
                return text.substring(0, head) + marker(original - head - tail) + text.substring(text.length() - tail);
            }
        }
        return headTail(text, maxChars);
    }
}
