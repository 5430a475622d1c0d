package io.jenkins.plugins.aiworkflow.engine.report;

/**
 * The 64-bit hash of a test's identity ({@link TestId}: scope and name) that {@link TestIdentities} keeps instead
 * of the names: SipHash-1-3 (Aumasson and Bernstein; the variant Rust's and Python's hash tables use) of a byte
 * string made of the scope's length in UTF-16 code units (8 bytes, little-endian), the scope's code units, zero
 * bytes up to the next multiple of 8, and the name's code units, each code unit written as UTF-8 writes a
 * character of that value (1 byte below 0x80, 2 below 0x800, else 3; a surrogate as one on its own). That string
 * tells scope and name apart, so two identities get the same hash only when SipHash collides: by chance, about
 * one pair in 2^64.
 *
 * <p>The key is fixed (not secret), so a hash means the same in every process. SipHash was chosen over faster
 * non-cryptographic hashes (whose collisions can be computed) because a test name is written by the code being
 * judged: with a public key it makes no formal promise against a collision chosen on purpose, but no practical
 * way is known to find a name with a given SipHash value other than trying about 2^64 names. An ASCII name is
 * hashed in blocks of 8 characters: about 40 ns for a name of 40 characters.
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
        int i = 0;
        // Blocks of 8 ASCII characters, the common case, one block per 8 characters.
        for (; i + 8 <= length; i += 8) {
            long c0 = c[i];
            long c1 = c[i + 1];
            long c2 = c[i + 2];
            long c3 = c[i + 3];
            long c4 = c[i + 4];
            long c5 = c[i + 5];
            long c6 = c[i + 6];
            long c7 = c[i + 7];
            if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 0x80) {
                break;
            }
            long m = c0 | c1 << 8 | c2 << 16 | c3 << 24 | c4 << 32 | c5 << 40 | c6 << 48 | c7 << 56;
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
        }
        long bytes = i;
        long m = 0;
        int shift = 0;
        for (; i < length; i++) {
            int unit = c[i];
            long encoded = encode(unit);
            int count = unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
            bytes += count;
            m |= encoded << shift;
            shift += 8 * count;
            if (shift >= 64) {
                v3 ^= m;
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
                v0 ^= m;
                shift -= 64;
                // the bytes of this code unit that did not fit (none when it filled the block exactly)
                m = shift == 0 ? 0 : encoded >>> (8 * count - shift);
            }
        }
        // the last block: the bytes left (at most 7) and the length of the whole string in bytes, mod 256
        m |= (scopeBytes + bytes) << 56;
        v3 ^= m;
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        v0 ^= m;
        v2 ^= 0xff;
        for (int round = 0; round < 3; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** Hashes the scope's length and code units, padded to a whole block, and keeps the state; once per scope. */
    private void absorbScope(String scope) {
        long[] v = {K0 ^ 0x736f6d6570736575L, K1 ^ 0x646f72616e646f6dL, K0 ^ 0x6c7967656e657261L,
                K1 ^ 0x7465646279746573L};
        int length = scope.length();
        compress(v, length);
        long blocks = 1;
        long m = 0;
        int shift = 0;
        for (int i = 0; i < length; i++) {
            int unit = scope.charAt(i);
            long encoded = encode(unit);
            int count = unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
            m |= encoded << shift;
            shift += 8 * count;
            if (shift >= 64) {
                compress(v, m);
                blocks++;
                shift -= 64;
                m = shift == 0 ? 0 : encoded >>> (8 * count - shift);
            }
        }
        if (shift > 0) {
            compress(v, m); // the rest, padded with zero bytes
            blocks++;
        }
        s0 = v[0];
        s1 = v[1];
        s2 = v[2];
        s3 = v[3];
        scopeBytes = 8L * blocks;
        lastScope = scope;
    }

    /** A code unit as UTF-8 writes a character of that value: 1 to 3 bytes, the first in the lowest. */
    private static long encode(int unit) {
        if (unit < 0x80) {
            return unit;
        }
        if (unit < 0x800) {
            return (0xc0 | unit >> 6) | (long) (0x80 | unit & 0x3f) << 8;
        }
        return (0xe0 | unit >> 12) | (long) (0x80 | unit >> 6 & 0x3f) << 8 | (long) (0x80 | unit & 0x3f) << 16;
    }

    /** One block with one SipRound (SipHash-1-3), outside the hot path. */
    private static void compress(long[] v, long m) {
        v[3] ^= m;
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
        v[0] ^= m;
    }

    private char[] chars(int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        return chars;
    }
}
