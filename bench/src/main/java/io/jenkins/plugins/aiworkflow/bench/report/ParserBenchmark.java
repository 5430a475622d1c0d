package io.jenkins.plugins.aiworkflow.bench.report;

import io.jenkins.plugins.aiworkflow.engine.report.JUnitXmlParser;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseListener;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Throughput of three readers over the same report files (read from the page cache after a
 * first pass), and the live heap of ours. Whole-process harness: warm-up rounds, then measured
 * rounds, mean and standard deviation in MB/s (1 MB = 10^6 bytes).
 *
 * <p>Usage: {@code ParserBenchmark DIR READER [warmup] [rounds]} with READER one of
 * {@code ours} (1 thread), {@code ours2} (2 threads), {@code jdk} (bare event scan with the
 * JDK's own StAX), {@code surefire} (Maven's surefire-report-parser), {@code heap} (ours on one
 * thread, forcing a GC every 5,000 test cases and reporting the largest live heap seen), and
 * {@code count} (one pass of ours on 2 threads, checking the counts; for the -Xmx64m run), and
 * {@code compare} (all four readers interleaved round by round in one JVM: the figures to quote).
 */
public final class ParserBenchmark {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParserBenchmark DIR ours|ours2|jdk|surefire|heap|count|compare [warmup] [rounds]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String reader = args[1];
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<Path> files = reportFiles(dir);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        if (reader.equals("heap")) {
            heap(dir, files);
            return;
        }
        if (reader.equals("compare")) {
            compare(dir, files, bytes, warmup, rounds);
            return;
        }
        if (reader.equals("count")) {
            long start = System.nanoTime();
            TestReport report = ours(files, 2);
            double seconds = (System.nanoTime() - start) / 1e9;
            check(dir, report.counts());
            System.out.printf(Locale.ROOT, "count: %d files, %.0f MB in %.1f s (%.0f MB/s), max heap %d MB, %s%n",
                    files.size(), bytes / 1e6, seconds, bytes / 1e6 / seconds,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), report.counts());
            return;
        }
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            long start = System.nanoTime();
            long units = run(reader, dir, files);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round >= warmup) {
                rates.add(bytes / 1e6 / seconds);
            }
            if (units < 0) {
                throw new IllegalStateException("unreachable: " + units);
            }
        }
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = rates.stream().mapToDouble(rate -> (rate - mean) * (rate - mean)).sum()
                / Math.max(1, rates.size() - 1);
        System.out.printf(Locale.ROOT, "%-9s %-6s %4d files %7.0f MB  %6.0f ± %4.0f MB/s  (%d rounds after %d warm-up)%n",
                reader, dir.getFileName(), files.size(), bytes / 1e6, mean, Math.sqrt(variance), rounds, warmup);
    }

    /**
     * All readers in one JVM, interleaved round by round, so that each round's readers see the same
     * machine (shared build hosts drift): medians per reader, and medians of the per-round ratios.
     */
    private static void compare(Path dir, List<Path> files, long bytes, int warmup, int rounds) throws Exception {
        String[] readers = {"jdk", "surefire", "ours", "ours2"};
        double[][] rates = new double[readers.length][rounds];
        for (int round = 0; round < warmup + rounds; round++) {
            for (int r = 0; r < readers.length; r++) {
                long start = System.nanoTime();
                run(readers[r], dir, files);
                double rate = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
                if (round >= warmup) {
                    rates[r][round - warmup] = rate;
                }
            }
        }
        System.out.printf(Locale.ROOT, "compare %s: %d files, %.0f MB, %d interleaved rounds after %d warm-up%n",
                dir.getFileName(), files.size(), bytes / 1e6, rounds, warmup);
        for (int r = 0; r < readers.length; r++) {
            double[] sorted = rates[r].clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  %-9s median %5.0f MB/s (min %5.0f, max %5.0f)%n", readers[r],
                    median(rates[r]), sorted[0], sorted[sorted.length - 1]);
        }
        System.out.printf(Locale.ROOT, "  ratios (median of per-round ratios): ours/jdk %.2f, ours/surefire %.2f, "
                + "ours2/ours %.2f%n", medianRatio(rates[2], rates[0]), medianRatio(rates[2], rates[1]),
                medianRatio(rates[3], rates[2]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double medianRatio(double[] numerator, double[] denominator) {
        double[] ratios = new double[numerator.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerator[i] / denominator[i];
        }
        return median(ratios);
    }

    static List<Path> reportFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static long run(String reader, Path dir, List<Path> files) throws Exception {
        return switch (reader) {
            case "ours" -> check(dir, ours(files, 1).counts());
            case "ours2" -> check(dir, ours(files, 2).counts());
            case "jdk" -> jdkBareScan(files);
            case "surefire" -> surefire(dir, files);
            default -> throw new IllegalArgumentException("unknown reader '" + reader
                    + "'; accepted: ours, ours2, jdk, surefire, heap, count");
        };
    }

    private static TestReport ours(List<Path> files, int threads) {
        List<ReportInput> inputs = files.stream().map(ReportInput::of).toList();
        return new ReportParser(TextLimits.DEFAULT, threads).parse(inputs);
    }

    private static long check(Path dir, TestCounts counts) {
        long tests = CorpusGenerator.expected(dir, "tests");
        long failures = CorpusGenerator.expected(dir, "failures");
        long skipped = CorpusGenerator.expected(dir, "skipped");
        if (counts.tests() != tests || counts.failures() != failures || counts.skipped() != skipped) {
            throw new IllegalStateException("miscounted: " + counts + ", expected tests=" + tests + " failures="
                    + failures + " skipped=" + skipped);
        }
        return counts.tests();
    }

    /** The reference: every event of the document, nothing extracted. */
    private static long jdkBareScan(List<Path> files) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        long events = 0;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader reader = factory.createXMLStreamReader(in);
                while (reader.next() != XMLStreamConstants.END_DOCUMENT) {
                    events++;
                }
                reader.close();
            }
        }
        return events;
    }

    private static long surefire(Path dir, List<Path> files) throws Exception {
        long tests = 0;
        long failures = 0;
        for (Path file : files) {
            TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
            for (ReportTestSuite suite : parser.parse(file.toString())) {
                tests += suite.getNumberOfTests();
                failures += suite.getNumberOfFailures();
            }
        }
        if (tests != CorpusGenerator.expected(dir, "tests") || failures != CorpusGenerator.expected(dir, "failures")) {
            throw new IllegalStateException("surefire-report-parser counted tests=" + tests + " failures=" + failures);
        }
        return tests;
    }

    /** Ours on one thread, with a full GC every 5,000 test cases: the largest live heap seen. */
    private static void heap(Path dir, List<Path> files) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        TestReport.Builder report = TestReport.builder(TextLimits.DEFAULT);
        long[] seen = {0, 0};
        TestCaseListener listener = new TestCaseListener() {
            @Override
            public void testCase(TestCaseResult testCase) {
                report.testCase(testCase);
                if (++seen[0] % 5_000 == 0) {
                    System.gc();
                    seen[1] = Math.max(seen[1], memory.getHeapMemoryUsage().getUsed());
                }
            }
        };
        JUnitXmlParser parser = new JUnitXmlParser(TextLimits.DEFAULT);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                parser.parse(in, file.toString(), listener).ifPresent(problem -> {
                    throw new IllegalStateException(problem.toString());
                });
            }
        }
        check(dir, report.build().counts());
        System.out.printf(Locale.ROOT, "heap      %-6s %4d files %7.0f MB  largest live heap after GC while parsing: "
                + "%.1f MB (%d GCs)%n", dir.getFileName(), files.size(), bytes / 1e6, seen[1] / (1024.0 * 1024),
                seen[0] / 5_000);
    }
}
