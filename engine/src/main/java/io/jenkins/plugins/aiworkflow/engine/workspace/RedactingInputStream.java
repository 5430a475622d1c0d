package io.jenkins.plugins.aiworkflow.engine.workspace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A stream with every occurrence of some byte sequences (secret values) replaced by a mask, also
 * where one spans two reads: the last {@code longest - 1} bytes are held back until more come or
 * the stream ends. Sequences are tried longest first, so that no part of a longer one is left.
 * Memory is bounded by the read buffer plus the longest sequence. See {@link EnvironmentPolicy#redact(InputStream)}.
 */
final class RedactingInputStream extends FilterInputStream {
    private static final int CHUNK = 8192;

    private final byte[][] secrets;
    private final byte[] mask;
    private final int longest;
    /** Bytes read from the source and not yet decided on: {@code [start, end)}. */
    private final byte[] pending;
    private int start;
    private int end;
    private boolean sourceEnded;
    /** Bytes decided on and not yet returned: {@code [outStart, outEnd)}. */
    private byte[] out = new byte[CHUNK];
    private int outStart;
    private int outEnd;

    RedactingInputStream(InputStream in, List<byte[]> secrets, byte[] mask) {
        super(in);
        this.secrets = secrets.stream().filter(secret -> secret.length > 0)
                .sorted((a, b) -> Integer.compare(b.length, a.length)).toArray(byte[][]::new);
        this.mask = mask.clone();
        this.longest = this.secrets.length == 0 ? 1 : this.secrets[0].length;
        this.pending = new byte[CHUNK + longest];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outStart == outEnd) {
            if (sourceEnded && start == end) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, outEnd - outStart);
        System.arraycopy(out, outStart, buffer, offset, n);
        outStart += n;
        return n;
    }

    /** Reads more of the source and decides on every byte that no later byte can make part of a secret. */
    private void fill() throws IOException {
        System.arraycopy(pending, start, pending, 0, end - start);
        end -= start;
        start = 0;
        while (!sourceEnded && end < pending.length) {
            int n = in.read(pending, end, pending.length - end);
            if (n < 0) {
                sourceEnded = true;
            } else {
                end += n;
                if (end - start >= longest) {
                    break; // enough to decide on something; more would only make a read wait
                }
            }
        }
        int decidable = sourceEnded ? end : end - (longest - 1);
        outStart = 0;
        outEnd = 0;
        int position = start;
        while (position < decidable) {
            byte[] secret = secretAt(position);
            if (secret != null) {
                append(mask, 0, mask.length);
                position += secret.length;
            } else {
                append(pending, position, 1);
                position++;
            }
        }
        start = Math.min(position, end);
    }

    private byte[] secretAt(int position) {
        for (byte[] secret : secrets) {
            if (position + secret.length <= end
                    && Arrays.equals(pending, position, position + secret.length, secret, 0, secret.length)) {
                return secret;
            }
        }
        return null;
    }

    private void append(byte[] bytes, int from, int length) {
        if (outEnd + length > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outEnd + length));
        }
        System.arraycopy(bytes, from, out, outEnd, length);
        outEnd += length;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(0, n))];
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() {
        return outEnd - outStart;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
