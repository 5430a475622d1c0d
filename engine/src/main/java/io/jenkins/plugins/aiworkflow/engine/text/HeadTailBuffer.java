package io.jenkins.plugins.aiworkflow.engine.text;

import java.util.Arrays;

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
    // Arrays, not StringBuilders: the text is copied in and out in bulk (a StringBuilder appended to another is
    // copied character by character, which was a tenth of reading a report with many failures).
    private char[] head;
    private int headLength;
    // Allocated on first overflow of the head: most texts are short and never need it.
    private char[] tail;
    private int tailStart;
    private int tailLength;
    private long total;
    // The text handed out is built here, then copied once into its String.
    private char[] out;

    /** @param maxChars the most characters kept in all; head and tail get about half each */
    public HeadTailBuffer(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        this.headCapacity = (maxChars + 1) / 2;
        this.head = new char[Math.min(headCapacity, 256)];
        this.tailCapacity = maxChars - headCapacity;
    }

    public HeadTailBuffer append(char[] chars, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCapacity - headLength);
        if (toHead > 0) {
            if (headLength + toHead > head.length) {
                head = Arrays.copyOf(head, Math.min(headCapacity, Math.max(headLength + toHead,
                        2 * head.length)));
            }
            System.arraycopy(chars, offset, head, headLength, toHead);
            headLength += toHead;
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
        headLength = 0;
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
        if (tailLength == 0 && total == headLength) {
            return new String(head, 0, headLength);
        }
        int length = kept(); // before out is read: it may grow
        return new String(out, 0, length);
    }

    /** {@link #toString()} without leading and trailing whitespace ({@link String#strip()}), copied once. */
    public String toStrippedString() {
        boolean whole = tailLength == 0 && total == headLength;
        int end = whole ? headLength : kept();
        char[] text = whole ? head : out;
        int start = 0;
        while (start < end && Character.isWhitespace(text[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        return new String(text, start, end - start);
    }

    /** Builds head, marker and tail into {@link #out}; returns their length. */
    private int kept() {
        long dropped = total - headLength - tailLength;
        int headKept = headLength;
        int tailFrom = tailStart;
        int tailKept = tailLength;
        if (dropped > 0) {
            // never half a surrogate pair on either side of the marker: it is not text
            if (headKept > 0 && Character.isHighSurrogate(head[headKept - 1])) {
                headKept--;
                dropped++;
            }
            if (tailKept > 0 && Character.isLowSurrogate(tail[tailFrom])) {
                tailFrom = (tailFrom + 1) % tailCapacity;
                tailKept--;
                dropped++;
            }
        }
        String marker = dropped > 0 ? Truncation.marker(dropped) : "";
        int length = headKept + marker.length() + tailKept;
        if (out == null || out.length < length) {
            out = new char[length];
        }
        System.arraycopy(head, 0, out, 0, headKept);
        marker.getChars(0, marker.length(), out, headKept);
        if (tailKept > 0) {
            int first = Math.min(tailKept, tailCapacity - tailFrom);
            System.arraycopy(tail, tailFrom, out, headKept + marker.length(), first);
            System.arraycopy(tail, 0, out, headKept + marker.length() + first, tailKept - first);
        }
        return length;
    }
}
