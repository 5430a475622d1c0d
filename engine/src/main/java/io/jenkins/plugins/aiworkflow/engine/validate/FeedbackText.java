package io.jenkins.plugins.aiworkflow.engine.validate;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;

/**
 * How the feedback shows text it did not write (test names, messages, stack traces, command output, the gate's
 * reasons, which quote test names): so that it cannot pass for the feedback's own lines. Names and reasons stay
 * on one line; other texts become lines that start with {@link #QUOTED}, which no line of the feedback's own
 * starts with. Control characters (line breaks in a name, terminal escapes, carriage returns that would hide
 * what comes before them), Unicode line separators, invisible and bidirectional formatting characters and lone
 * surrogates are written as {@code \\uXXXX}, so nothing in them acts or hides.
 */
final class FeedbackText {
    /** Starts every line of a quoted text; the feedback's own lines never start with it. */
    static final String QUOTED = "   | ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FeedbackText() {
    }

    /**
     * A name (test, file, command) on one line, in double quotes: {@code "} and {@code \} escaped as in JSON, and
     * cut in the middle to {@code maxChars} (before escaping) with the engine's marker written on the same line.
     */
    static String quote(String name, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), maxChars) + 40).append('"');
        escape(cutInline(name, maxChars), true, out);
        return out.append('"').toString();
    }

    /** A text on one line, unquoted (a reason of the gate): escaped as {@link #quote} escapes, quotes kept. */
    static String line(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 40);
        escape(cutInline(text, maxChars), false, out);
        return out.toString();
    }

    /**
     * {@code text} cut to head and tail around the engine's marker ({@link #cut}), then written as lines starting
     * with {@link #QUOTED}; an empty string when the text is blank. Line ends ({@code \n}, {@code \r\n},
     * {@code \r}) end lines; tabs are kept; leading blank lines and trailing white space are dropped.
     */
    static String block(String text, int maxChars) {
        String cut = cut(text, maxChars);
        int start = 0;
        int end = cut.length();
        while (end > 0 && Character.isWhitespace(cut.charAt(end - 1))) {
            end--;
        }
        while (start < end && (cut.charAt(start) == '\n' || cut.charAt(start) == '\r')) {
            start++;
        }
        if (start == end) {
            return "";
        }
        StringBuilder out = new StringBuilder(end - start + 64).append(QUOTED);
        for (int i = start; i < end; i++) {
            char c = cut.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < end && cut.charAt(i + 1) == '\n') {
                    i++;
                }
                out.append('\n').append(QUOTED);
            } else if (c == '\t') {
                out.append(c);
            } else {
                escape(cut, i, out);
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(cut.charAt(i + 1))) {
                    out.append(cut.charAt(++i));
                }
            }
        }
        return out.append('\n').toString();
    }

    /**
     * {@code text} when it has at most {@code maxChars} characters, otherwise about {@code maxChars} of its head
     * and tail around the engine's marker ({@link Truncation#marker}, which counts what was left out). The cuts
     * move to a line end when one is near (within a fifth of the head or tail), so that no line is shown in part
     * where a whole one would do, and never split a surrogate pair.
     */
    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int head = (maxChars + 1) / 2;
        int tail = maxChars - head;
        int headEnd = head;
        int newline = text.lastIndexOf('\n', headEnd - 1);
        if (newline >= 0 && newline + 1 >= headEnd - head / 5) {
            headEnd = newline + 1;
        } else if (headEnd > 0 && Character.isHighSurrogate(text.charAt(headEnd - 1))) {
            headEnd--;
        }
        int tailStart = text.length() - tail;
        int next = text.indexOf('\n', tailStart - 1);
        if (tail > 0 && next >= 0 && next + 1 <= tailStart + tail / 5) {
            tailStart = next + 1;
        } else if (tailStart < text.length() && Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        // the marker starts on a line of its own: a line end just before it would only add an empty line
        int headShown = headEnd > 0 && text.charAt(headEnd - 1) == '\n' ? headEnd - 1 : headEnd;
        return text.substring(0, headShown) + Truncation.marker((long) tailStart - headEnd) + text.substring(tailStart);
    }

    /** Head and tail of {@code text} around the marker without its line breaks; cuts never split a surrogate pair. */
    static String cutInline(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int head = (maxChars + 1) / 2;
        int tailStart = text.length() - (maxChars - head);
        if (head > 0 && Character.isHighSurrogate(text.charAt(head - 1))) {
            head--;
        }
        if (tailStart < text.length() && Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, head) + " " + Truncation.marker((long) tailStart - head).strip() + " "
                + text.substring(tailStart);
    }

    private static void escape(String text, boolean quoted, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && (c == '"' || c == '\\')) {
                out.append('\\').append(c);
            } else if (quoted && c == '\t') {
                out.append("\\t");
            } else if (c == '\t') {
                out.append(c);
            } else {
                escape(text, i, out);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(text.charAt(++i));
                }
            }
        }
    }

    /** Appends the character at {@code i}: itself, or {@code \\uXXXX} when it could act or hide. */
    private static void escape(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        boolean loneSurrogate = Character.isHighSurrogate(c)
                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isFormatting(c) || loneSurrogate) {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                    .append(HEX[c & 0xf]);
        } else {
            out.append(c);
        }
    }

    /** Zero-width, line and paragraph separators, bidirectional embeddings, overrides and isolates, BOM. */
    private static boolean isFormatting(char c) {
        return (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f)
                || c == 0xfeff;
    }
}
