package io.jenkins.plugins.aiworkflow.engine.text;

/**
 * Accumulates a character stream of any length in bounded memory, keeping the first and
 * the last characters. Used while streaming report texts and command output.
 * Not thread-safe.
 */
public final class HeadTailBuffer {
    private final int headCapacity;
    private final StringBuilder head;
    private final char[] tail;
    private int tailStart;
    private int tailLength;
    private long total;

    /** @param maxChars the most characters kept in all; head and tail get about half each */
    public HeadTailBuffer(int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        this.headCapacity = (maxChars + 1) / 2;
        this.head = new StringBuilder(Math.min(headCapacity, 256));
        this.tail = new char[maxChars - headCapacity];
    }

    public HeadTailBuffer append(char[] chars, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headCapacity - head.length());
        if (toHead > 0) {
            head.append(chars, offset, toHead);
            offset += toHead;
            length -= toHead;
        }
        if (length > 0 && tail.length > 0) {
            if (length >= tail.length) {
                System.arraycopy(chars, offset + length - tail.length, tail, 0, tail.length);
                tailStart = 0;
                tailLength = tail.length;
            } else {
                for (int i = 0; i < length; i++) {
                    int pos = (tailStart + tailLength) % tail.length;
                    tail[pos] = chars[offset + i];
                    if (tailLength < tail.length) {
                        tailLength++;
                    } else {
                        tailStart = (tailStart + 1) % tail.length;
                    }
                }
            }
        }
        return this;
    }

    public HeadTailBuffer append(CharSequence text) {
        char[] chars = text.toString().toCharArray();
        return append(chars, 0, chars.length);
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
        StringBuilder out = new StringBuilder(head.length() + tailLength + 48).append(head);
        long dropped = total - head.length() - tailLength;
        if (dropped > 0) {
            out.append(Truncation.marker(dropped));
        }
        for (int i = 0; i < tailLength; i++) {
            out.append(tail[(tailStart + i) % tail.length]);
        }
        return out.toString();
    }
}
