package io.jenkins.plugins.aiworkflow.bench.report;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.jenkins.plugins.aiworkflow.engine.report.JUnitXmlParser;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseListener;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;

/**
 * Report-reading benchmarks over a corpus written by {@link CorpusGenerator}. A whole-process
 * harness rather than JMH: one "operation" is a full pass over hundreds of MB, so per-call
 * overheads do not matter, while the shared 2-core build hosts this runs on drift by tens of
 * percent from one second to the next. So the readers are compared <em>interleaved in one
 * JVM</em>: each round walks the corpus in batches of about 25 MB and runs every reader on each
 * batch before moving on, so all readers read the same bytes under the same conditions; the
 * ratios quoted are medians of the per-round ratios. Rounds during which other processes used
 * the CPU are set aside (see {@link ForeignLoad}). 1 MB = 10^6 bytes.
 *
 * <p>Readers:
 * <ul>
 *   <li>{@code ours}: {@link ReportParser} on 1 thread (what the validator runs: counts, keeps the
 *       notable cases with truncated texts); {@code ours2}: the same on 2 threads;</li>
 *   <li>{@code listener}: {@link JUnitXmlParser} with a listener that only counts (no TestReport);</li>
 *   <li>{@code jdk}: the reference, a bare event scan with the JDK's own StAX
 *       ({@code XMLInputFactory.newDefaultFactory()}), {@code next()} until the end, nothing else;</li>
 *   <li>{@code surefire}: Maven's surefire-report-parser ({@code TestSuiteXmlParser}, SAX);</li>
 *   <li>{@code aalto}: diagnostic, a bare event scan with Aalto configured as the engine configures
 *       it, through the same 64 KB buffer: the floor under {@code ours}, since ours is built on it.</li>
 * </ul>
 * Where the bytes come from, the same for every reader in a run:
 * <ul>
 *   <li>{@code files} (default): page-cached files (the warm-up rounds bring every file into the
 *       page cache), each reader given the stream it would get in real use: ours through
 *       {@link ReportInput#of(Path)}, the JDK scan {@link Files#newInputStream}, surefire-report-parser
 *       an {@code InputStreamReader(UTF-8)} over that stream, as its own {@code parse(String)} builds
 *       over a {@code FileInputStream};</li>
 *   <li>{@code memory}: all files pre-read into byte arrays; every reader gets a
 *       {@link ByteArrayInputStream} over them (no system calls in the measured time).</li>
 * </ul>
 *
 * <p>Usage:
 * <pre>
 * ParserBenchmark DIR compare [warmup] [rounds] [files|memory]   all readers, interleaved (the figures to quote)
 * ParserBenchmark DIR scaling [warmup] [rounds] [files|memory]   ours on 1 and 2 threads, alternating, one
 *                                                                ReportParser call over the whole corpus per pass
 * ParserBenchmark DIR READER  [warmup] [rounds] [files|memory]   one reader alone
 * ParserBenchmark DIR heap                                       largest live heap after GC while parsing (ours, 1 thread)
 * ParserBenchmark DIR count   [threads]                          one checked pass of ours (for the -Xmx64m run)
 * ParserBenchmark DIR once    READER                             one pass of one reader over all files, nothing
 *                                                                else (the whole-process comparison of run.sh process)
 * </pre>
 * Every pass of ours, listener and surefire is checked against the corpus's {@code EXPECTED} counts.
 */
public final class ParserBenchmark {
    private static final String[] COMPARED = {"jdk", "surefire", "ours", "ours2", "aalto"};
    /** Cores others may use during a measured round that still counts as quiet. */
    private static final double QUIET_CORES = 0.10;
    /** How much of the corpus each reader reads before the next reader's turn in a round. */
    private static final long BATCH_BYTES = Long.getLong("bench.batchBytes", 25_000_000L);

    private final Path dir;
    private final List<Path> files;
    private final long bytes;
    private final Expected expected;
    private byte[][] contents; // null: read from the files

    private ParserBenchmark(Path dir) throws IOException {
        this.dir = dir;
        try (Stream<Path> list = Files.list(dir)) {
            this.files = list.filter(path -> path.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        this.bytes = total;
        this.expected = new Expected(CorpusGenerator.expected(dir, "tests"), CorpusGenerator.expected(dir, "failures"),
                CorpusGenerator.expected(dir, "skipped"));
        if (files.size() != CorpusGenerator.expected(dir, "files") || bytes != CorpusGenerator.expected(dir, "bytes")) {
            throw new IllegalStateException(dir + " holds " + files.size() + " files, " + bytes
                    + " bytes, not what EXPECTED says: delete the directory and generate it again");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParserBenchmark DIR compare|scaling|ours|ours2|listener|jdk|surefire|aalto [warmup] "
                    + "[rounds] [files|memory]\n       ParserBenchmark DIR heap\n       ParserBenchmark DIR count [threads]");
            System.exit(2);
        }
        ParserBenchmark benchmark = new ParserBenchmark(Path.of(args[0]));
        String mode = args[1];
        switch (mode) {
            case "heap" -> benchmark.heap();
            case "count" -> benchmark.count(args.length > 2 ? Integer.parseInt(args[2]) : 2);
            case "once" -> benchmark.once(args.length > 2 ? args[2] : "aalto");
            default -> {
                int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
                int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
                String source = args.length > 4 ? args[4] : "files";
                if (source.equals("memory")) {
                    benchmark.preRead();
                } else if (!source.equals("files")) {
                    throw new IllegalArgumentException("unknown source '" + source + "'; accepted: files, memory");
                }
                String[] readers = switch (mode) {
                    case "compare" -> COMPARED;
                    case "scaling" -> new String[] {"ours", "ours2"};
                    default -> new String[] {mode};
                };
                // scaling: one ReportParser call over the whole corpus per pass, as the validator makes it
                long batchBytes = mode.equals("scaling") ? Long.getLong("bench.batchBytes", Long.MAX_VALUE) : BATCH_BYTES;
                benchmark.measure(readers, warmup, rounds, source, batchBytes);
            }
        }
    }

    private void preRead() throws IOException {
        contents = new byte[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            contents[i] = Files.readAllBytes(files.get(i));
        }
    }

    private InputStream open(int file) throws IOException {
        return contents == null ? Files.newInputStream(files.get(file)) : new ByteArrayInputStream(contents[file]);
    }

    /**
     * Readers interleaved in small steps: a round walks the corpus batch by batch (about 25 MB, at
     * least 2 files, so that 2 threads have work), and runs every reader on each batch before moving
     * on, starting with a different reader each round. A reader's rate for the round is the whole
     * corpus over the sum of its batch times, so drifts of the machine's speed that last seconds hit
     * every reader alike. Before each round the harness waits (up to 30 s) for a quiet machine; a
     * round during which other processes used more than {@value #QUIET_CORES} of a core is set aside
     * and replaced, up to three times as many rounds as asked for.
     */
    private void measure(String[] readers, int warmup, int rounds, String source, long batchBytes)
            throws Exception {
        List<List<Integer>> batches = batches(batchBytes);
        ForeignLoad load = new ForeignLoad();
        List<double[]> clean = new ArrayList<>();
        List<double[]> disturbed = new ArrayList<>();
        for (int round = 0; round < warmup; round++) {
            round(readers, batches, round);
        }
        double worstKept = 0;
        for (int attempt = 0; clean.size() < rounds && attempt < 3 * rounds; attempt++) {
            load.awaitQuiet(QUIET_CORES, 30);
            System.gc();
            load.mark();
            double[] rates = round(readers, batches, attempt);
            double foreign = load.coresSinceMark();
            if (foreign <= QUIET_CORES) {
                clean.add(rates);
                worstKept = Math.max(worstKept, foreign);
            } else {
                disturbed.add(rates);
            }
        }
        boolean noisy = clean.size() < rounds;
        List<double[]> used = new ArrayList<>(clean);
        if (noisy) {
            used.addAll(disturbed);
        }
        double[][] byReader = new double[readers.length][used.size()];
        for (int i = 0; i < used.size(); i++) {
            for (int r = 0; r < readers.length; r++) {
                byReader[r][i] = used.get(i)[r];
            }
        }
        System.out.printf(Locale.ROOT, "%s %s: %d files, %.0f MB, %,d test cases; bytes from %s; %s; %d warm-up "
                        + "rounds; MB/s%n", dir.getFileName(), String.join("+", readers), files.size(), bytes / 1e6,
                expected.tests, source, batches.size() == 1 ? "the whole corpus per reader call"
                        : batches.size() + " batches per round", warmup);
        if (noisy) {
            System.out.printf(Locale.ROOT, "NOISY: only %d of %d rounds ran on a quiet machine; all %d rounds are "
                    + "used below: run again when the machine is idle%n", clean.size(), rounds, used.size());
        } else {
            System.out.printf(Locale.ROOT, "%d rounds on a quiet machine (others used at most %.2f cores); "
                    + "%d disturbed rounds set aside%n", clean.size(), worstKept, disturbed.size());
        }
        System.out.println("| reader   | median |  mean ± sd  |  min |  max |");
        System.out.println("|----------|-------:|------------:|-----:|-----:|");
        for (int r = 0; r < readers.length; r++) {
            double[] sorted = byReader[r].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "| %-8s | %6.0f | %5.0f ± %3.0f | %4.0f | %4.0f |%n", readers[r],
                    median(byReader[r]), mean(byReader[r]), sd(byReader[r]), sorted[0], sorted[sorted.length - 1]);
        }
        StringBuilder ratios = new StringBuilder();
        for (String[] pair : new String[][] {{"ours", "jdk"}, {"ours", "surefire"}, {"ours2", "ours"}, {"ours", "aalto"}}) {
            int numerator = indexOf(readers, pair[0]);
            int denominator = indexOf(readers, pair[1]);
            if (numerator >= 0 && denominator >= 0) {
                ratios.append(ratios.length() == 0 ? "" : ", ").append(pair[0]).append('/').append(pair[1]).append(' ')
                        .append(ratio(byReader[numerator], byReader[denominator]));
            }
        }
        if (ratios.length() > 0) {
            System.out.println("ratios (median of per-round ratios [min..max]): " + ratios);
        }
    }

    /** One pass over the corpus, readers interleaved batch by batch; MB/s per reader. */
    private double[] round(String[] readers, List<List<Integer>> batches, int round) throws Exception {
        long[] nanos = new long[readers.length];
        Counts[] counts = new Counts[readers.length];
        for (int r = 0; r < readers.length; r++) {
            counts[r] = new Counts();
        }
        for (List<Integer> batch : batches) {
            for (int i = 0; i < readers.length; i++) {
                int r = (i + round) % readers.length;
                long start = System.nanoTime();
                run(readers[r], batch, counts[r]);
                nanos[r] += System.nanoTime() - start;
            }
        }
        double[] rates = new double[readers.length];
        for (int r = 0; r < readers.length; r++) {
            if (counts[r].counted) {
                check(readers[r], counts[r].tests, counts[r].failures, counts[r].skipped);
            }
            rates[r] = bytes / 1e6 / (nanos[r] / 1e9);
        }
        return rates;
    }

    /** Consecutive files of about {@code batchBytes}, at least 2 files each (the last batch may be smaller). */
    private List<List<Integer>> batches(long batchBytes) throws IOException {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> batch = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < files.size(); i++) {
            batch.add(i);
            size += Files.size(files.get(i));
            if (size >= batchBytes && batch.size() >= 2) {
                batches.add(batch);
                batch = new ArrayList<>();
                size = 0;
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static int indexOf(String[] values, String value) {
        return Arrays.asList(values).indexOf(value);
    }

    private void run(String reader, List<Integer> batch, Counts counts) throws Exception {
        switch (reader) {
            case "ours" -> counts.add(ours(batch, 1).counts());
            case "ours2" -> counts.add(ours(batch, 2).counts());
            case "listener" -> listener(batch, counts);
            case "jdk" -> jdkBareScan(batch);
            case "surefire" -> surefire(batch, counts);
            case "aalto" -> aaltoBareScan(batch);
            default -> throw new IllegalArgumentException("unknown reader '" + reader
                    + "'; accepted: ours, ours2, listener, jdk, surefire, aalto");
        }
    }

    private List<Integer> all() {
        List<Integer> all = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            all.add(i);
        }
        return all;
    }

    /** Ours reads page-cached files as the validator does, pre-read bytes from memory. */
    private ReportInput input(int file) {
        return contents == null ? ReportInput.of(files.get(file))
                : new ReportInput(files.get(file).toString(), () -> open(file));
    }

    private TestReport ours(List<Integer> batch, int threads) {
        List<ReportInput> inputs = new ArrayList<>(batch.size());
        for (int file : batch) {
            inputs.add(input(file));
        }
        return new ReportParser(TextLimits.DEFAULT, threads).parse(inputs);
    }

    private void listener(List<Integer> batch, Counts counts) throws IOException {
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        TestCaseListener listener = testCase -> {
            counts.tests++;
            if (testCase.status() == TestStatus.FAILED) {
                counts.failures++;
            } else if (testCase.status() == TestStatus.SKIPPED) {
                counts.skipped++;
            }
        };
        counts.counted = true;
        for (int i : batch) {
            parser.parse(input(i), listener).ifPresent(problem -> {
                throw new IllegalStateException(problem.toString());
            });
        }
    }

    /** The reference: every event of the document, nothing extracted. */
    private long jdkBareScan(List<Integer> batch) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        long events = 0;
        for (int i : batch) {
            try (InputStream in = open(i)) {
                XMLStreamReader reader = factory.createXMLStreamReader(in);
                while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
                    events++;
                }
                reader.close();
            }
        }
        return events;
    }

    /** Aalto as the engine configures it, through the same 64 KB buffer, nothing extracted. */
    private long aaltoBareScan(List<Integer> batch) throws Exception {
        XMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        long events = 0;
        for (int i : batch) {
            try (InputStream in = new BufferedInputStream(open(i), 64 * 1024)) {
                XMLStreamReader reader = factory.createXMLStreamReader(in);
                while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
                    events++;
                }
                reader.close();
            }
        }
        return events;
    }

    /** surefire-report-parser's own entry point, {@code parse(String)}, reads exactly like this. */
    private void surefire(List<Integer> batch, Counts counts) throws Exception {
        counts.counted = true;
        for (int i : batch) {
            TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
            try (InputStreamReader in = new InputStreamReader(open(i), StandardCharsets.UTF_8)) {
                for (ReportTestSuite suite : parser.parse(in)) {
                    counts.tests += suite.getNumberOfTests();
                    counts.failures += suite.getNumberOfFailures();
                    counts.skipped += suite.getNumberOfSkipped();
                }
            }
        }
    }

    private long check(String reader, TestCounts counts) {
        return check(reader, counts.tests(), counts.failures(), counts.skipped());
    }

    private long check(String reader, long tests, long failures, long skipped) {
        if (tests != expected.tests || failures != expected.failures || skipped != expected.skipped) {
            throw new IllegalStateException(reader + " miscounted: tests=" + tests + " failures=" + failures
                    + " skipped=" + skipped + ", expected " + expected);
        }
        return tests;
    }

    /**
     * Ours on one thread (the parser feeding a TestReport, as ReportParser does), with a full GC
     * every 5,000 test cases: the largest live heap seen. The baseline is the live heap after GC
     * before the first file, so what parsing adds is the difference.
     */
    private void heap() throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        TestReport.Builder report = TestReport.builder(TextLimits.DEFAULT);
        long[] seen = {0, 0, 0}; // cases, largest live heap, GCs
        TestCaseListener listener = new TestCaseListener() {
            @Override
            public void testCase(TestCaseResult testCase) {
                report.testCase(testCase);
                if (++seen[0] % 5_000 == 0) {
                    System.gc();
                    seen[1] = Math.max(seen[1], memory.getHeapMemoryUsage().getUsed());
                    seen[2]++;
                }
            }
        };
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        long largestFile = 0;
        for (int i = 0; i < files.size(); i++) {
            largestFile = Math.max(largestFile, Files.size(files.get(i)));
            parser.parse(input(i), listener).ifPresent(problem -> {
                throw new IllegalStateException(problem.toString());
            });
        }
        TestReport built = report.build();
        check("heap", built.counts());
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "heap %s: %d files of up to %.0f MB, %,d test cases; live heap after GC: "
                        + "before parsing %.1f MB, largest while parsing %.1f MB (%d GCs, one every 5,000 cases), "
                        + "after, holding the TestReport %.1f MB%n", dir.getFileName(), files.size(), largestFile / 1e6,
                seen[0], mib(baseline), mib(seen[1]), seen[2], mib(after));
    }

    /** One checked pass of ours, timed, with the collector's work: the -Xmx64m run. */
    /**
     * One pass of one reader over the whole corpus and nothing else: no warm-up, no wait for a quiet
     * machine, no GC; a whole process of it is what {@code bench/run.sh process} times against
     * {@code aiwf validate}. Counting readers are checked against {@code EXPECTED}.
     */
    private void once(String reader) throws Exception {
        Counts counts = new Counts();
        run(reader, all(), counts);
        if (counts.counted) {
            check(reader, counts.tests, counts.failures, counts.skipped);
        }
        System.out.printf(Locale.ROOT, "once %s: %d files, %.0f MB%n", reader, files.size(), bytes / 1e6);
    }

    private void count(int threads) {
        long start = System.nanoTime();
        TestReport report = ours(all(), threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        check("count", report.counts());
        long collections = 0;
        long collectionMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            collectionMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.printf(Locale.ROOT, "count %s: %d files, %.0f MB, %d thread(s), max heap %d MB: completed in "
                        + "%.1f s (%.0f MB/s), %d GCs taking %d ms, counts right: %s%n", dir.getFileName(), files.size(),
                bytes / 1e6, threads, Runtime.getRuntime().maxMemory() / (1024 * 1024), seconds, bytes / 1e6 / seconds,
                collections, collectionMillis, report.counts());
    }

    private static double mib(long value) {
        return value / (1024.0 * 1024);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / Math.max(1, values.length - 1));
    }

    private static String ratio(double[] numerator, double[] denominator) {
        double[] ratios = new double[numerator.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerator[i] / denominator[i];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f [%.2f..%.2f]", median(ratios), sorted[0], sorted[sorted.length - 1]);
    }

    /** Test counts summed over a round's batches. */
    private static final class Counts {
        boolean counted;
        long tests;
        long failures;
        long skipped;

        void add(TestCounts more) {
            counted = true;
            tests += more.tests();
            failures += more.failures();
            skipped += more.skipped();
        }
    }

    private record Expected(long tests, long failures, long skipped) {
        @Override
        public String toString() {
            return "tests=" + tests + " failures=" + failures + " skipped=" + skipped;
        }
    }
}
