package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;

/**
 * Large reads from the file, small ones by the XML reader from memory (fewer system calls), with
 * the buffer taken from a per-thread cache: a validation reads thousands of files, and a new 64 KiB
 * buffer per file was most of what reading many small reports allocated (what is allocated decides
 * how far the JVM's heap grows). {@link #peek} looks at the first bytes without consuming them.
 * Not thread-safe; {@link #close()} gives the buffer back.
 */
final class BufferedBytes extends FilterInputStream {
    static final int BUFFER_BYTES = 64 * 1024;
    // Soft: the JVM may take the buffers back when memory is short; no reference to this class's loader.
    private static final ThreadLocal<SoftReference<byte[]>> BUFFERS = new ThreadLocal<>();

    private byte[] buffer;
    private int position;
    private int limit;

    BufferedBytes(InputStream in) {
        super(in);
        SoftReference<byte[]> cached = BUFFERS.get();
        byte[] reused = cached == null ? null : cached.get();
        if (reused != null) {
            BUFFERS.set(null); // taken: a second stream on this thread gets its own
        }
        buffer = reused != null ? reused : new byte[BUFFER_BYTES];
    }

    /**
     * Makes up to {@code count} bytes available without consuming them.
     *
     * @return how many are available (fewer only at the end of the input)
     */
    int peek(byte[] into, int count) throws IOException {
        if (position > 0 && limit - position < count) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit - position < count) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        int available = Math.min(count, limit - position);
        System.arraycopy(buffer, position, into, 0, available);
        return available;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && fill() < 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length) {
                return in.read(into, offset, length); // as large as the buffer: no copy through it
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    private int fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n > 0) {
            limit = n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.min(n, limit - position);
        position += (int) skipped;
        return skipped < n ? skipped + in.skip(n - skipped) : skipped;
    }

    @Override
    public int available() throws IOException {
        return (limit - position) + in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (buffer != null) {
            BUFFERS.set(new SoftReference<>(buffer));
            buffer = null;
        }
        super.close();
    }
}
