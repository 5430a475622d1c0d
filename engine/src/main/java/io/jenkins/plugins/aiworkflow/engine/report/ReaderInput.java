package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A report's bytes as the XML reader reads them. Remembers whether the reader was told that the
 * input ended (so a failure after that is a truncated file, whatever the reader calls it) and
 * whether the source itself failed (an unreadable file, not a malformed one). Also bounds how much
 * the reader may read during one call ({@link #startCall()}): the reader builds a whole text node,
 * attribute or tag in memory, so reading much more than that in one call means such a part is
 * large, and {@link PartTooLarge} stops it before it fills the heap.
 */
final class ReaderInput extends FilterInputStream {
    private final long maxBytesPerCall;
    private long read;
    private long callStart;
    private boolean endReached;
    private IOException sourceFailure;

    ReaderInput(InputStream in, long maxBytesPerCall) {
        super(in);
        this.maxBytesPerCall = maxBytesPerCall;
    }

    /** The reader is about to be called: what it reads from here on counts against the bound. */
    void startCall() {
        callStart = read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (n < 0) {
            endReached = true;
            return n;
        }
        read += n;
        if (read - callStart > maxBytesPerCall) {
            throw new PartTooLarge();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int length = (int) Math.max(0, Math.min(n, 8192));
        return Math.max(0, read(new byte[length], 0, length));
    }

    /** True once a read returned the end of the input. */
    boolean endReached() {
        return endReached;
    }

    /** What the source threw, null when it never failed. */
    IOException sourceFailure() {
        return sourceFailure;
    }

    /** The reader read more than the bound in one call. */
    static final class PartTooLarge extends RuntimeException {
        PartTooLarge() {
            super("more than the bound read in one call", null, false, false);
        }
    }
}
