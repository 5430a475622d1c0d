package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.report.GeneratedReport;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.GateInput;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link BoundedMemoryTest} in a JVM of its own with a small heap: reads generated reports
 * (never held whole, never written to disk) as the validator does, and prints what it found as
 * {@code key=value} lines.
 */
public final class BoundedMemoryRun {
    private static final String SUITE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"s\">\n";
    private static final String FAILED_CASE = "<testcase classname=\"c\" name=\"big\">";
    private static final String TAIL = "</testcase>\n<testcase classname=\"c\" name=\"after\"/>\n</testsuite>\n";

    private BoundedMemoryRun() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        long megabytes = Long.parseLong(args[1]);
        long bytes = megabytes * 1_000_000L;
        System.out.println("maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        switch (kind) {
            case "failures" -> failures(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "class-names" -> classNames(Integer.parseInt(args[1]));
            case "stack-trace" -> one(() -> GeneratedReport.repeating(SUITE + FAILED_CASE
                    + "<failure message=\"boom\" type=\"java.lang.AssertionError\">START",
                    "\n\tat com.acme.Foo.bar(Foo.java:42) &amp; &lt;more&gt;", bytes, "END</failure>" + TAIL));
            case "cdata-output" -> one(() -> GeneratedReport.repeating(SUITE + FAILED_CASE
                    + "<failure/><system-out><![CDATA[START", "\nline of output <b>&amp;</b> ]] ] > 0123456789", bytes,
                    "END]]></system-out>" + TAIL));
            case "text-output" -> one(() -> GeneratedReport.repeating(SUITE + FAILED_CASE
                    + "<failure/><system-out>START", "\nline of output &lt;b&gt; \u00e9\u20ac\ud83d\ude00 0123456789",
                    bytes, "END</system-out>" + TAIL));
            case "passing-output" -> one(() -> GeneratedReport.repeating(SUITE
                    + "<testcase classname=\"c\" name=\"big\"><system-out><![CDATA[START", "\nline of output 0123456789",
                    bytes, "END]]></system-out>" + TAIL));
            case "message-attribute" -> one(() -> GeneratedReport.repeating(SUITE + FAILED_CASE
                    + "<failure type=\"T\" message=\"START", " a message &quot;x&quot; 0123456789", bytes,
                    "END\"/>" + TAIL));
            case "comment" -> one(() -> GeneratedReport.repeating(SUITE + FAILED_CASE + "<failure/><!--START",
                    " comment - text 0123456789", bytes, "END-->" + TAIL));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /** One generated report with one huge part in its test case "big", followed by a passing test. */
    private static void one(ReportInput.Opener opener) {
        TestReport report = new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(new ReportInput("big.xml", opener)));
        System.out.println("counts=" + report.counts());
        System.out.println("problems=" + report.problems().size());
        report.problems().forEach(problem -> System.out.println("problem=" + problem.kind() + " " + problem.message()));
        List<TestCaseResult> notable = new ArrayList<>(report.failures());
        notable.addAll(report.skipped());
        for (TestCaseResult test : notable) {
            if (!test.problems().isEmpty()) {
                print("message", test.problems().get(0).message());
                print("details", test.problems().get(0).details());
            }
            print("systemOut", test.systemOut());
        }
    }

    private static void print(String what, String text) {
        System.out.println(what + "Length=" + text.length());
        System.out.println(what + "Head=" + escape(text.substring(0, Math.min(40, text.length()))));
        System.out.println(what + "Tail=" + escape(text.substring(Math.max(0, text.length() - 40))));
        int marker = text.indexOf("[... ");
        System.out.println(what + "Marker=" + (marker < 0 ? "" : escape(text.substring(marker, text.indexOf("]", marker) + 1))));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** {@code tests} failing tests with a stack trace and output each, spread over {@code files} files, on 2 threads. */
    private static void failures(int tests, int files) {
        List<ReportInput> inputs = new ArrayList<>();
        int perFile = tests / files;
        for (int file = 0; file < files; file++) {
            String name = "TEST-" + file + ".xml";
            int first = file * perFile;
            inputs.add(new ReportInput(name, () -> new GeneratedReport(SUITE, i -> "<testcase classname=\"com.acme.T"
                    + first / 1000 + "\" name=\"test" + (first + i) + "\" time=\"0.01\"><failure message=\"expected 1 "
                    + "but was 2\" type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: "
                    + "expected 1 but was 2\n\tat com.acme.T.test(T.java:" + i + ")\n\tat java.base/java.lang.reflect"
                    + ".Method.invoke(Method.java:580)\n</failure><system-out><![CDATA[some output of test " + i
                    + "\n]]></system-out></testcase>\n", perFile, "</testsuite>\n")));
        }
        TestReport report = new ReportParser(TextLimits.DEFAULT, 2).parse(inputs);
        gateAndRender(report);
    }

    /** Gates a report as the validator does, renders it to JSON (counted, not kept), Markdown and console. */
    private static void gateAndRender(TestReport report) {
        QualityGate gate = QualityGate.defaults();
        Verdict verdict = gate.evaluate(new GateInput(report, null, null, List.of("TEST-*.xml"), List.of()));
        ValidationResult result = new ValidationResult(verdict, report, null, null, report.failures(), List.of(),
                List.of("TEST-*.xml"), gate, Duration.ZERO);
        long[] jsonBytes = {0};
        ResultJson.write(result, new OutputStream() {
            @Override
            public void write(int b) {
                jsonBytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                jsonBytes[0] += len;
            }
        });
        String markdown = MarkdownSummary.render(result);
        List<String> console = ConsoleSummary.render(result);
        System.out.println("counts=" + report.counts());
        System.out.println("kept=" + report.failures().size());
        System.out.println("keptFlaky=" + report.flaky().size());
        System.out.println("keptSkipped=" + report.skipped().size());
        System.out.println("notListed=" + report.failuresNotListed());
        System.out.println("suites=" + report.suites().size());
        System.out.println("problems=" + report.problems().size());
        System.out.println("verdict=" + verdict.status());
        if (!verdict.reasons().isEmpty()) {
            System.out.println("reason=" + escape(verdict.reasons().get(0).message()));
        }
        verdict.reasons().forEach(reason -> System.out.println("condition=" + reason.condition().parameterName()));
        verdict.notes().forEach(note -> System.out.println("note=" + escape(note)));
        System.out.println("jsonBytes=" + jsonBytes[0]);
        System.out.println("markdownChars=" + markdown.length());
        System.out.println("markdownMore=" + markdown.lines().filter(line -> line.startsWith("- … and")).findFirst()
                .orElse(""));
        console.forEach(line -> System.out.println("console=" + escape(line)));
    }

    /** {@code count} characters of {@code unit} repeated; the unit holds a character beyond Latin-1, so 2 bytes each. */
    private static String text(String unit, int count) {
        return unit.repeat(count / unit.length() + 1).substring(0, count);
    }

    /** A name of more than {@code JUnitXmlParser.MAX_NAME_CHARS} characters, distinct by its start. */
    private static String longName(String start) {
        return start + text(".\u0100bcdefghij", 1_100);
    }

    /** One file of {@code count} passing tests, each with a class name of its own of more than 1,000 characters. */
    private static void classNames(int count) {
        ReportInput input = new ReportInput("TEST-classes.xml", () -> new GeneratedReport(SUITE,
                i -> "<testcase classname=\"" + longName("C" + i) + "\" name=\"test\" file=\"" + longName("F" + i)
                        + "\"/>\n", count, "</testsuite>\n"));
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 2).parse(List.of(input)));
    }
}
