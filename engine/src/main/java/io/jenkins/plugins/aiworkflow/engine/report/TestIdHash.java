package io.jenkins.plugins.aiworkflow.engine.report;

/**
 * The 64-bit hash of a test's identity ({@link TestId}: scope and name) that {@link TestIdentities} keeps instead
 * of the names: SipHash-2-4 (Aumasson and Bernstein, 2012) of the byte string made of the scope's length (8 bytes,
 * little-endian), the scope's UTF-16LE code units, zero bytes up to the next multiple of 8, and the name's UTF-16LE
 * code units. That string tells scope and name apart, so two identities get the same hash only when SipHash
 * collides: by chance, about one pair in 2^64.
 *
 * <p>The key is fixed (not secret), so a hash means the same in every process. SipHash was chosen over faster
 * non-cryptographic hashes (whose collisions can be computed) because a test name is written by the code being
 * judged: no way is known to find a name with a given SipHash-2-4 value other than trying about 2^64 names.
 *
 * <p>Not thread-safe: it keeps the state after the last scope, which consecutive test cases of a file share, so
 * a case costs only its name.
 */
final class TestIdHash {
    static final long K0 = 0x5d1e5c4f9a3b27e1L;
    static final long K1 = 0x8c6f0b3e71d2a945L;

    private String lastScope;
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    /** Bytes hashed for the scope: its length, its code units, the padding. */
    private long scopeBytes;
    private char[] chars = new char[64];

    /** The hash of one identity; a caller that hashes many keeps a {@code TestIdHash} instead. */
    static long of(String scope, String name) {
        return new TestIdHash().hash(scope, name);
    }

    long hash(String scope, String name) {
        if (scope != lastScope && !scope.equals(lastScope)) {
            absorbScope(scope);
        }
        long v0 = s0;
        long v1 = s1;
        long v2 = s2;
        long v3 = s3;
        int length = name.length();
        char[] c = chars(length);
        name.getChars(0, length, c, 0);
        int whole = length & ~3;
        for (int i = 0; i < whole; i += 4) {
            long m = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
            v3 ^= m;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        // the last block: the code units left (at most 3) and the length of the whole string in bytes, mod 256
        long m = (scopeBytes + 2L * length) << 56;
        for (int i = whole, shift = 0; i < length; i++, shift += 16) {
            m |= (long) c[i] << shift;
        }
        v3 ^= m;
        for (int round = 0; round < 2; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= m;
        v2 ^= 0xff;
        for (int round = 0; round < 4; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** Hashes the scope's length and code units, padded to whole blocks, and keeps the state. */
    private void absorbScope(String scope) {
        long v0 = K0 ^ 0x736f6d6570736575L;
        long v1 = K1 ^ 0x646f72616e646f6dL;
        long v2 = K0 ^ 0x6c7967656e657261L;
        long v3 = K1 ^ 0x7465646279746573L;
        int length = scope.length();
        char[] c = chars(length + 3);
        scope.getChars(0, length, c, 0);
        c[length] = 0;
        c[length + 1] = 0;
        c[length + 2] = 0;
        int blocks = (length + 3) / 4;
        for (int block = -1; block < blocks; block++) {
            long m;
            if (block < 0) {
                m = length;
            } else {
                int i = 4 * block;
                m = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
            }
            v3 ^= m;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        s0 = v0;
        s1 = v1;
        s2 = v2;
        s3 = v3;
        scopeBytes = 8L + 8L * blocks;
        lastScope = scope;
    }

    private char[] chars(int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        return chars;
    }
}
