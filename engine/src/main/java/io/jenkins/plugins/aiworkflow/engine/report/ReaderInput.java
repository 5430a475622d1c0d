package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A report's bytes as the XML reader reads them. Remembers whether the reader was told that the
 * input ended (so a failure after that is a truncated file, whatever the reader calls it) and
 * whether the source itself failed (an unreadable file, not a malformed one).
 */
final class ReaderInput extends FilterInputStream {
    private boolean endReached;
    private IOException sourceFailure;

    ReaderInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = in.read(buffer, offset, length);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (read < 0) {
            endReached = true;
        }
        return read;
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
}
