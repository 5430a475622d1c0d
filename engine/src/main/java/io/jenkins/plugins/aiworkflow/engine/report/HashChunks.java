package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 64-bit hashes collected in chunks, in no particular order: appending never copies what is there, and a merge
 * takes the other's full chunks as they are, so neither needs twice the memory for a moment. Full chunks are
 * never written again, so they may be shared. Not thread-safe.
 */
final class HashChunks implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hashes per full chunk (32 KiB); the chunk being filled starts small and grows to it. */
    static final int CHUNK = 4096;
    private static final long[] NONE = new long[0];

    private final List<long[]> full = new ArrayList<>();
    private long[] current = NONE;
    private int fill;

    void add(long hash) {
        if (fill == current.length) {
            if (current.length == CHUNK) {
                full.add(current);
                current = new long[CHUNK];
                fill = 0;
            } else {
                current = Arrays.copyOf(current, current.length == 0 ? 64 : 2 * current.length);
            }
        }
        current[fill++] = hash;
    }

    /** Appends the other's hashes: its full chunks shared, the rest copied. */
    void addAll(HashChunks other) {
        full.addAll(other.full);
        for (int i = 0; i < other.fill; i++) {
            add(other.current[i]);
        }
    }

    long size() {
        return (long) full.size() * CHUNK + fill;
    }

    void clear() {
        full.clear();
        current = NONE;
        fill = 0;
    }

    /** A copy that later additions to this one do not change (the full chunks shared). */
    HashChunks copy() {
        HashChunks copy = new HashChunks();
        copy.full.addAll(full);
        copy.current = Arrays.copyOf(current, fill);
        copy.fill = fill;
        return copy;
    }

    /** The distinct hashes, sorted. */
    SortedHashes sorted() {
        long[] all = new long[Math.toIntExact(size())];
        int at = 0;
        for (long[] chunk : full) {
            System.arraycopy(chunk, 0, all, at, CHUNK);
            at += CHUNK;
        }
        System.arraycopy(current, 0, all, at, fill);
        return SortedHashes.of(all);
    }
}
