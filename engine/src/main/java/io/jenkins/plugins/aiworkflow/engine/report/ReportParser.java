package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads many report files into one {@link TestReport}, on several threads when asked.
 * A file that cannot be read becomes a {@link ReportProblem} naming it; the other files
 * still count. The result does not depend on the number of threads.
 *
 * <p>Each file is read into a {@link TestReport.Builder} of its own, which keeps what its cases may
 * keep within the {@link TextLimits}; on N threads at most N of them are read ahead of the in-order
 * merge, so at most N + 1 builders are full at once (docs/security.md computes what that takes). The identities
 * of the tests ({@link TestReport#identities()}) are kept within one bound for all those builders together.
 */
public final class ReportParser {
    private final JUnitXmlParser parser;
    private final TextLimits limits;
    private final int threads;
    private final int maxTestIdentities;

    /**
     * @param limits  text limits for each case and the budgets of all kept cases together
     * @param threads files read at once, at least 1
     */
    public ReportParser(TextLimits limits, int threads) {
        this(limits, threads, TestIdentities.MAX_TESTS);
    }

    /**
     * @param limits             text limits for each case and the budgets of all kept cases together
     * @param threads            files read at once, at least 1
     * @param keepTestIdentities whether the report keeps the identities of its tests ({@link TestReport#identities()}),
     *                           which only a comparison with a baseline needs; without them no test name is hashed
     *                           (the identities are then not {@linkplain TestIdentities#complete() complete})
     */
    public ReportParser(TextLimits limits, int threads, boolean keepTestIdentities) {
        this(limits, threads, keepTestIdentities ? TestIdentities.MAX_TESTS : 0);
    }

    /** A parser that keeps the identities of at most {@code maxTestIdentities} test cases (tests use fewer). */
    ReportParser(TextLimits limits, int threads, int maxTestIdentities) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new JUnitXmlParser(limits);
        this.threads = threads;
        this.maxTestIdentities = maxTestIdentities;
    }

    public ReportParser() {
        this(TextLimits.DEFAULT, defaultThreads());
    }

    /** Half the processors (the rest stay for the build), at least 1, at most 4. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    public TestReport parse(List<ReportInput> inputs) {
        TestReport.Builder report = TestReport.builder(limits, maxTestIdentities);
        // Each file's builder is told what the merge has kept so far, so that it skips what the merge would drop
        // (the texts of failures once the kept failures are full, for one).
        if (threads == 1 || inputs.size() < 2) {
            for (ReportInput input : inputs) {
                report.addAll(parseOne(report.forFile(report.keptSoFar()), input));
            }
            return report.build();
        }
        AtomicInteger threadNumber = new AtomicInteger();
        int poolSize = Math.min(threads, inputs.size());
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "aiwf-report-parser-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Files are merged in the order given, so at most this many are read ahead of the merge: the cases
            // each finished file keeps must not pile up while an earlier file is still read. One per thread, not
            // more: a file is told what the merge had kept when it was handed out, and the fewer wait, the fewer
            // are told an old state and read again (twice as many read no faster; docs/performance.md).
            int readAhead = poolSize;
            Deque<Future<TestReport.Builder>> pending = new ArrayDeque<>(readAhead);
            Deque<ReportInput> pendingInputs = new ArrayDeque<>(readAhead);
            Iterator<ReportInput> next = inputs.iterator();
            while (next.hasNext() || !pending.isEmpty()) {
                while (next.hasNext() && pending.size() < readAhead) {
                    ReportInput input = next.next();
                    TestReport.Builder file = report.forFile(report.keptSoFar());
                    pending.add(pool.submit(() -> parseOne(file, input)));
                    pendingInputs.add(input);
                }
                TestReport.Builder file = pending.removeFirst().get();
                ReportInput input = pendingInputs.removeFirst();
                TestReport.KeptSoFar atMerge = report.keptSoFar();
                if (!file.mergesAsIfTold(atMerge)) {
                    // read before the files ahead of it filled a list, and it spent a budget: read it again as
                    // one thread would have (rare: each list fills once), so that the result is the same
                    TestReport.Builder again = file.forFileAgain(atMerge);
                    file = null; // what it kept goes before the file is read again: no more builders at once
                    file = parseOne(again, input);
                }
                report.addAll(file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading test reports", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading test reports failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return report.build();
    }

    private TestReport.Builder parseOne(TestReport.Builder file, ReportInput input) {
        file.addFile(input.name());
        try {
            parser.parse(input, file).ifPresent(file::addProblem);
        } catch (IOException | UncheckedIOException e) {
            file.addProblem(new ReportProblem(input.name(), ReportProblem.Kind.UNREADABLE, "could not be read: " + e.getMessage()));
        }
        return file;
    }
}
