package io.jenkins.plugins.aiworkflow.engine.context;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;

/**
 * Cuts text to a number of tokens: head and tail around the {@link Truncation#marker} that
 * names how many characters were left out. Cuts never split a surrogate pair and prefer line
 * ends near the cut.
 */
final class TokenFit {
    private static final int MAX_ATTEMPTS = 16;

    private TokenFit() {
    }

    /** A fitted text and its token count; {@code droppedChars} is 0 when nothing was cut. */
    record Fitted(String text, int tokens, long droppedChars) {
        boolean truncated() {
            return droppedChars > 0;
        }
    }

    /**
     * {@code text} itself when it fits {@code maxTokens}, otherwise its head and tail around a
     * marker, within {@code maxTokens}; null when not even the marker with a few characters fits.
     */
    static Fitted fit(String text, int maxTokens, TokenCounter counter) {
        int tokens = counter.count(text);
        if (tokens <= maxTokens) {
            return new Fitted(text, tokens, 0);
        }
        int markerTokens = counter.count(Truncation.marker(text.length()));
        int room = maxTokens - markerTokens;
        if (room <= 0) {
            return null;
        }
        int keep = (int) Math.min(text.length() - 1L, (long) ((double) room * text.length() / tokens));
        for (int attempt = 0; attempt < MAX_ATTEMPTS && keep > 0; attempt++) {
            String candidate = headTail(text, keep);
            int candidateTokens = counter.count(candidate);
            if (candidateTokens <= maxTokens) {
                return new Fitted(candidate, candidateTokens, text.length() - (long) keptChars(text, keep));
            }
            double scale = (double) room / Math.max(1, candidateTokens - markerTokens);
            keep = Math.min(keep - 1, (int) (keep * scale * 0.97));
        }
        return null;
    }

    /** Head and tail, about {@code keep} characters in all, around the marker. */
    static String headTail(String text, int keep) {
        int[] cut = cut(text, keep);
        return text.substring(0, cut[0]) + Truncation.marker((long) cut[1] - cut[0]) + text.substring(cut[1]);
    }

    private static int keptChars(String text, int keep) {
        int[] cut = cut(text, keep);
        return cut[0] + text.length() - cut[1];
    }

    /** {headEnd, tailStart}: the text kept is [0, headEnd) and [tailStart, length). */
    private static int[] cut(String text, int keep) {
        int head = (keep + 1) / 2;
        int tail = keep - head;
        int headEnd = head;
        int newline = text.lastIndexOf('\n', headEnd - 1);
        if (newline >= 0 && newline + 1 >= headEnd - head / 5) {
            headEnd = newline + 1;
        } else if (headEnd > 0 && Character.isHighSurrogate(text.charAt(headEnd - 1))) {
            headEnd--;
        }
        int tailStart = text.length() - tail;
        int next = text.indexOf('\n', tailStart);
        if (tail > 0 && next >= 0 && next + 1 <= tailStart + tail / 5) {
            tailStart = next + 1;
        } else if (tailStart < text.length() && Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        if (tailStart < headEnd) {
            tailStart = headEnd;
        }
        return new int[] {headEnd, tailStart};
    }
}
