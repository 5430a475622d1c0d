package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Which tests ran and which were skipped in a report, by identity ({@link TestId}: class, else suite, and name),
 * kept small: a 64-bit hash per test ({@link #hash(TestId)}), not its name, so a million tests take 8 MB. The tamper
 * guard compares them with a baseline's ({@code allowMissingTests}, {@code allowNewlySkippedTests}). Ran means
 * passed, failed, errored or flaky. Immutable and safe to share; the hashes are sorted when first asked for.
 *
 * <p>Two bounds keep it within the memory docs/security.md promises:
 * <ul>
 *   <li>the identities of at most {@link #MAX_TESTS} test cases: a report with more keeps none and is not
 *       {@linkplain #complete() complete}, so that whoever compares says it cannot tell (the gate fails safe);</li>
 *   <li>the names of the first {@link #MAX_NAMED_TESTS} tests that ran, in file order, while they fit in
 *       {@link #MAX_NAMED_CHARS} characters ({@link #named()}), so that reasons can name a missing test.</li>
 * </ul>
 * A hash collision only means that a missing test goes unnoticed when another test has its hash (about one chance in
 * 2^64 per pair, see {@link TestIdHash}); a test that repeats its identity (two cases with the same class and name)
 * counts once here.
 */
public final class TestIdentities implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Test cases whose identities a report keeps; a report with more keeps none ({@link #complete()} false). */
    public static final int MAX_TESTS = 1_000_000;
    /** Tests that ran whose names a report keeps for reasons ({@link #named()}). */
    public static final int MAX_NAMED_TESTS = 1_000;
    /** Characters (class and test names) of all {@link #named()} tests together. */
    public static final int MAX_NAMED_CHARS = 100_000;

    private static final TestIdentities EMPTY = new TestIdentities(0, MAX_TESTS, true, new HashChunks(),
            new HashChunks(), List.of(), true);

    private final long tests;
    private final int maxTests;
    private final boolean complete;
    private final List<TestId> named;
    private final boolean allNamed;
    // The hashes as collected, until first asked for; then sorted and the chunks let go.
    private HashChunks executedChunks;
    private HashChunks skippedChunks;
    private SortedHashes executed;
    private SortedHashes skipped;

    private TestIdentities(long tests, int maxTests, boolean complete, HashChunks executed, HashChunks skipped,
                           List<TestId> named, boolean allNamed) {
        this.tests = tests;
        this.maxTests = maxTests;
        this.complete = complete;
        this.executedChunks = executed;
        this.skippedChunks = skipped;
        this.named = named;
        this.allNamed = allNamed;
    }

    /**
     * These identities with the names of {@link #named()} passed through {@code text}; the hashes stay as they were
     * recorded (from the names as the reports had them).
     */
    TestIdentities withNames(UnaryOperator<String> text) {
        List<TestId> names = new ArrayList<>(named.size());
        for (TestId id : named) {
            names.add(new TestId(text.apply(id.scope()), text.apply(id.name())));
        }
        if (names.equals(named)) {
            return this;
        }
        TestIdentities copy;
        if (complete) {
            sort(); // the sorted hashes are immutable, and so can be shared; the chunks are not
            copy = new TestIdentities(tests, maxTests, true, null, null, List.copyOf(names), allNamed);
            copy.executed = executed;
            copy.skipped = skipped;
        } else {
            copy = new TestIdentities(tests, maxTests, false, new HashChunks(), new HashChunks(), List.copyOf(names),
                    allNamed);
        }
        return copy;
    }

    /** Serialized under the lock of {@link #sort}, which may be sorting the hashes at the same time. */
    private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
    }

    /** No test at all. */
    public static TestIdentities empty() {
        return EMPTY;
    }

    /** These tests, as having run, all of them named (in this order); what a baseline that lists only some knows. */
    public static TestIdentities ofExecuted(Collection<TestId> ids) {
        HashChunks executed = new HashChunks();
        TestIdHash hash = new TestIdHash();
        for (TestId id : ids) {
            executed.add(hash.hash(id.scope(), id.name()));
        }
        return new TestIdentities(ids.size(), Math.max(MAX_TESTS, ids.size()), true, executed, new HashChunks(),
                List.copyOf(ids), true);
    }

    /** The 64-bit hash kept for a test: SipHash-1-3 of its scope and name ({@link TestIdHash}). */
    public static long hash(TestId id) {
        return TestIdHash.of(id.scope(), id.name());
    }

    /** False when the report had more than {@link #maxTests()} test cases: then no identity is kept. */
    public boolean complete() {
        return complete;
    }

    /** Test cases counted, skipped ones included; repeated identities count each time. */
    public long tests() {
        return tests;
    }

    /** The most test cases whose identities were kept ({@link #MAX_TESTS} unless a caller asked for fewer). */
    public int maxTests() {
        return maxTests;
    }

    /**
     * The first tests that ran, by name, in file order: at most {@link #MAX_NAMED_TESTS}, while their names fit in
     * {@link #MAX_NAMED_CHARS} characters. The same test may appear twice when the reports repeat it.
     */
    public List<TestId> named() {
        return named;
    }

    /** True when {@link #named()} names every test that ran. */
    public boolean allNamed() {
        return allNamed;
    }

    /** Distinct identities of the tests that ran. */
    public long executedCount() {
        return executed().count();
    }

    /** Distinct identities of the skipped tests. */
    public long skippedCount() {
        return skipped().count();
    }

    /** Whether a test of this identity ran (as far as hashes tell). */
    public boolean executed(TestId id) {
        return executed().contains(hash(id));
    }

    /** Whether a test of this identity was skipped (as far as hashes tell); it may have run as well. */
    public boolean skipped(TestId id) {
        return skipped().contains(hash(id));
    }

    /** Tests that ran here and neither ran nor were skipped in {@code later}: missing there. */
    public long executedMissingIn(TestIdentities later) {
        // nothing to look up (a baseline that lists no failing test): the later hashes need not be sorted
        return executed().count() == 0 ? 0 : executed().count(null, later.executed(), later.skipped());
    }

    /** Tests that ran here and were skipped in {@code later}, without running there. */
    public long executedOnlySkippedIn(TestIdentities later) {
        return executed().count() == 0 ? 0 : executed().count(later.skipped(), later.executed(), null);
    }

    private SortedHashes executed() {
        sort();
        return executed;
    }

    private SortedHashes skipped() {
        sort();
        return skipped;
    }

    private synchronized void sort() {
        if (!complete) {
            throw new IllegalStateException("the identities of " + tests + " tests were not kept, more than "
                    + maxTests + " (TestIdentities.MAX_TESTS): ask complete() first");
        }
        if (executed == null) {
            executed = executedChunks.size() == 0 ? SortedHashes.NONE : executedChunks.sorted();
            executedChunks = null;
            skipped = skippedChunks.size() == 0 ? SortedHashes.NONE : skippedChunks.sorted();
            skippedChunks = null;
        }
    }

    @Override
    public String toString() {
        return complete ? "TestIdentities[" + tests + " tests]" : "TestIdentities[" + tests + " tests, not kept]";
    }

    /**
     * Records the identities of the test cases a {@link TestReport.Builder} sees, within the bounds. The builders
     * of one reading (one per file and the one they are merged into) share a {@link Budget} that counts every case
     * once: a file's builder adds its cases every {@link #FLUSH} cases, and the merge adds the rest. Once the
     * count is over the budget's {@code maxTests}, the whole report has more cases than that, and each builder
     * lets go of its hashes at its next count, so that all of them together never hold much more than
     * {@code maxTests} hashes (the merged builder holds at most that many itself), however many files are read at
     * once. Whether the report keeps its identities thus depends only on its number of test cases, never on
     * threads. Not thread-safe.
     */
    static final class Recorder {
        /** Cases a recorder counts before it adds them to the shared budget: how far the budget may lag. */
        static final int FLUSH = 1024;

        private final Budget budget;
        private final TestIdHash hash = new TestIdHash();
        private final HashChunks executed = new HashChunks();
        private final HashChunks skipped = new HashChunks();
        private final List<TestId> named = new ArrayList<>();
        private long namedChars;
        private boolean namesSpent;
        private long tests;
        private int unflushed;
        private boolean dropped;

        Recorder(Budget budget) {
            this.budget = budget;
            // a reading that keeps no identities hashes nothing: it only counts
            dropped = budget.maxTests == 0;
            namesSpent = dropped;
        }

        /** A recorder for another part of the same reading, sharing this one's budget. */
        Recorder sharingBudget() {
            return new Recorder(budget);
        }

        void add(TestCaseResult testCase) {
            tests++;
            if (dropped) {
                return;
            }
            String scope = testCase.scope();
            long identity = hash.hash(scope, testCase.name());
            if (testCase.status() == TestStatus.SKIPPED) {
                skipped.add(identity);
            } else {
                executed.add(identity);
                if (!namesSpent) {
                    name(scope, testCase.name());
                }
            }
            if (++unflushed == FLUSH) {
                flush();
            }
        }

        private void flush() {
            long all = budget.recorded.addAndGet(unflushed);
            unflushed = 0;
            if (all > budget.maxTests || tests > budget.maxTests) {
                drop();
            }
        }

        private void name(String scope, String name) {
            long chars = (long) scope.length() + name.length();
            if (named.size() >= MAX_NAMED_TESTS || namedChars + chars > MAX_NAMED_CHARS) {
                namesSpent = true;
                return;
            }
            namedChars += chars;
            named.add(new TestId(scope, name));
        }

        /** Appends what another recorder of the same reading recorded, re-applying the bounds. */
        void addAll(Recorder other) {
            tests += other.tests;
            if (other.budget == budget) {
                // The cases the other had not counted yet: so the budget knows all merged cases, however small the
                // files, and the files read ahead let go of their hashes once those and theirs are over the bound.
                budget.recorded.addAndGet(other.unflushed);
            }
            for (TestId id : other.named) {
                if (namesSpent) {
                    break;
                }
                name(id.scope(), id.name());
            }
            // A name the other could not keep would not have fit here either: the names stay a prefix in file order.
            namesSpent |= other.namesSpent;
            if (dropped || other.dropped || tests > budget.maxTests) {
                drop();
            } else {
                executed.addAll(other.executed);
                skipped.addAll(other.skipped);
            }
        }

        private void drop() {
            dropped = true;
            namesSpent = true;
            executed.clear();
            skipped.clear();
            named.clear();
        }

        TestIdentities build() {
            if (dropped || tests > budget.maxTests) {
                return new TestIdentities(tests, budget.maxTests, false, new HashChunks(), new HashChunks(), List.of(),
                        false);
            }
            return new TestIdentities(tests, budget.maxTests, true, executed.copy(), skipped.copy(), List.copyOf(named),
                    !namesSpent);
        }
    }

    /** The test cases the recorders of one reading may keep together, and how many they have seen. */
    static final class Budget {
        private final int maxTests;
        private final AtomicLong recorded = new AtomicLong();

        Budget(int maxTests) {
            if (maxTests < 0) {
                throw new IllegalArgumentException("maxTests must be >= 0, was " + maxTests);
            }
            this.maxTests = maxTests;
        }
    }
}
