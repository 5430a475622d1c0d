package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.Arrays;

/** Distinct 64-bit hashes in ascending (signed) order: the first {@code count} of {@code hashes}. Immutable. */
final class SortedHashes implements Serializable {
    private static final long serialVersionUID = 1L;

    static final SortedHashes NONE = new SortedHashes(new long[0], 0);

    private final long[] hashes;
    private final int count;

    private SortedHashes(long[] hashes, int count) {
        this.hashes = hashes;
        this.count = count;
    }

    /** Sorts {@code hashes} in place and drops repeated ones; the array is not copied, so no one else may hold it. */
    static SortedHashes of(long[] hashes) {
        Arrays.sort(hashes);
        int count = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (count == 0 || hashes[i] != hashes[count - 1]) {
                hashes[count++] = hashes[i];
            }
        }
        return new SortedHashes(hashes, count);
    }

    int count() {
        return count;
    }

    boolean contains(long hash) {
        return Arrays.binarySearch(hashes, 0, count, hash) >= 0;
    }

    /**
     * How many of these hashes {@code in} holds (all when null) and neither {@code notIn} nor {@code norIn} (when not
     * null) holds: one walk over them all, each sorted.
     */
    long count(SortedHashes in, SortedHashes notIn, SortedHashes norIn) {
        Cursor mustHave = in == null ? null : new Cursor(in);
        Cursor mustLack = new Cursor(notIn);
        Cursor mustLackToo = norIn == null ? null : new Cursor(norIn);
        long found = 0;
        for (int i = 0; i < count; i++) {
            long hash = hashes[i];
            if ((mustHave == null || mustHave.holds(hash)) && !mustLack.holds(hash)
                    && (mustLackToo == null || !mustLackToo.holds(hash))) {
                found++;
            }
        }
        return found;
    }

    /** Walks a set along ascending hashes. */
    private static final class Cursor {
        private final SortedHashes set;
        private int at;

        Cursor(SortedHashes set) {
            this.set = set;
        }

        /** Whether the set holds {@code hash}; hashes must be asked in ascending order. */
        boolean holds(long hash) {
            while (at < set.count && set.hashes[at] < hash) {
                at++;
            }
            return at < set.count && set.hashes[at] == hash;
        }
    }
}
