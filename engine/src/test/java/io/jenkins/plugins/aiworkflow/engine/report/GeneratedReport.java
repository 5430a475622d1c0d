package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A report of any size generated while it is read, never held whole: a head, {@code count} items
 * made by {@code item}, and a tail. Test input for bounds that must hold on hundreds of MB.
 */
public final class GeneratedReport extends InputStream {
    private final byte[] head;
    private final IntFunction<String> item;
    private final long count;
    private final byte[] tail;
    private byte[] current;
    private int position;
    private long next = -1; // -1: the head; count: the tail

    public GeneratedReport(String head, IntFunction<String> item, long count, String tail) {
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.item = item;
        this.count = count;
        this.tail = tail.getBytes(StandardCharsets.UTF_8);
        this.current = this.head;
    }

    /** {@code unit} repeated until {@code bytes} bytes (at least, in UTF-8) between head and tail. */
    public static GeneratedReport repeating(String head, String unit, long bytes, String tail) {
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        long units = (bytes + unitBytes - 1) / unitBytes;
        return new GeneratedReport(head, i -> unit, units, tail);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int copied = 0;
        while (copied < length) {
            if (position == current.length && !advance()) {
                break;
            }
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 && length > 0 ? -1 : copied;
    }

    private boolean advance() {
        if (next > count) {
            return false;
        }
        next++;
        current = next < count ? item.apply((int) next).getBytes(StandardCharsets.UTF_8) : next == count ? tail
                : new byte[0];
        position = 0;
        return next <= count;
    }
}
