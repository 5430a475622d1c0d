package io.jenkins.plugins.aiworkflow.engine.text;

/**
 * Accumulates a character stream of any length in bounded memory, keeping the first and
 * the last characters. Used while streaming report texts and command output. Reusable
 * ({@link #clear()}): a report parser reads thousands of texts with one buffer, and what a
 * process allocates decides how far the JVM's heap grows (docs/performance.md).
 * Not thread-safe.
 */
public final class HeadTailBuffer {
    private final int headCapacity;
    private final int tailCapacity;
    private final StringBuilder head;
    // Allocated on first overflow of the head: most texts are short and never need it.
    private char[] tail;
    private int tailStart;
    private int tailLength;
    private long total;
    // The text handed out is built here, then copied once into its String.
    private StringBuilder out;

    /** @param maxChars the most characters kept in all; head and tail get about half each */
    public HeadTailBuffer(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        this.headCapacity = (maxChars + 1) / 2;
        this.head = new StringBuilder(Math.min(headCapacity, 256));
        this.tailCapacity = maxChars - headCapacity;
    }

    public HeadTailBuffer append(char[] chars, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCapacity - head.length());
        if (toHead > 0) {
            head.append(chars, offset, toHead);
            offset += toHead;
            length -= toHead;
        }
        if (length > 0 && tailCapacity > 0) {
            appendToTail(chars, offset, length);
        }
        return this;
    }

    /** Ring-buffer append with at most two bulk copies, whatever the length. */
    private void appendToTail(char[] chars, int offset, int length) {
        if (tail == null) {
            tail = new char[tailCapacity];
        }
        if (length >= tailCapacity) {
            System.arraycopy(chars, offset + length - tailCapacity, tail, 0, tailCapacity);
            tailStart = 0;
            tailLength = tailCapacity;
            return;
        }
        int end = (tailStart + tailLength) % tailCapacity; // where the next char goes
        int first = Math.min(length, tailCapacity - end);
        System.arraycopy(chars, offset, tail, end, first);
        System.arraycopy(chars, offset + first, tail, 0, length - first);
        int overflow = tailLength + length - tailCapacity;
        if (overflow > 0) {
            // the oldest characters were overwritten: the ring now starts after the last write
            tailStart = (tailStart + overflow) % tailCapacity;
            tailLength = tailCapacity;
        } else {
            tailLength += length;
        }
    }

    public HeadTailBuffer append(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        return append(chars, 0, chars.length);
    }

    /** Empties the buffer for the next text; the memory it holds is kept for reuse. */
    public HeadTailBuffer clear() {
        head.setLength(0);
        tailStart = 0;
        tailLength = 0;
        total = 0;
        return this;
    }

    /** Characters appended so far, kept or not. */
    public long totalChars() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** The kept text; when characters were dropped, head + marker + tail. */
    @Override
    public String toString() {
        if (tailLength == 0 && total == head.length()) {
            return head.toString();
        }
        StringBuilder text = kept();
        return text.toString();
    }

    /** {@link #toString()} without leading and trailing whitespace ({@link String#strip()}), copied once. */
    public String toStrippedString() {
        StringBuilder text = tailLength == 0 && total == head.length() ? head : kept();
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private StringBuilder kept() {
        if (out == null) {
            out = new StringBuilder(head.length() + tailLength + 48);
        }
        out.setLength(0);
        long dropped = total - head.length() - tailLength;
        int headKept = head.length();
        int tailFrom = tailStart;
        int tailKept = tailLength;
        if (dropped > 0) {
            // never half a surrogate pair on either side of the marker: it is not text
            if (headKept > 0 && Character.isHighSurrogate(head.charAt(headKept - 1))) {
                headKept--;
                dropped++;
            }
            if (tailKept > 0 && Character.isLowSurrogate(tail[tailFrom])) {
                tailFrom = (tailFrom + 1) % tailCapacity;
                tailKept--;
                dropped++;
            }
        }
        out.append(head, 0, headKept);
        if (dropped > 0) {
            out.append(Truncation.marker(dropped));
        }
        if (tailKept > 0) {
            int first = Math.min(tailKept, tailCapacity - tailFrom);
            out.append(tail, tailFrom, first).append(tail, 0, tailKept - first);
        }
        return out;
    }
}
