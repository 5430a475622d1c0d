package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.report.GeneratedReport;
import io.jenkins.plugins.aiworkflow.engine.report.ReportInput;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
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
            case "texts" -> texts(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "suites" -> suites(Integer.parseInt(args[1]));
            case "names" -> names(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "class-names" -> classNames(Integer.parseInt(args[1]));
            case "worst" -> worst(Integer.parseInt(args[1]), args.length > 2 && args[2].equals("refine"));
            case "identities" -> identities(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "nested" -> nested(args[2], Integer.parseInt(args[1]));
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
        gateAndRender(report, null);
    }

    /** The same against a baseline. */
    private static void gateAndRender(TestReport report, Baseline baseline) {
        QualityGate gate = QualityGate.defaults();
        Verdict verdict = gate.evaluate(new GateInput(report, null, baseline, List.of("TEST-*.xml"), List.of()));
        ValidationResult result = new ValidationResult(verdict, report, null, baseline, report.failures(), List.of(),
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
        System.out.println("listedWithoutTexts=" + report.listedWithoutTexts());
        System.out.println("namesBudgetSpent=" + report.namesBudgetSpent());
        long textChars = 0;
        List<TestCaseResult> listed = new ArrayList<>(report.failures());
        listed.addAll(report.flaky());
        listed.addAll(report.skipped());
        for (TestCaseResult test : listed) {
            textChars += test.systemOut().length() + test.systemErr().length();
            for (TestProblem problem : test.problems()) {
                textChars += problem.message().length() + problem.details().length();
            }
        }
        System.out.println("keptTextChars=" + textChars);
        System.out.println("suites=" + report.suites().size());
        System.out.println("suitesNotListed=" + report.suitesNotListed());
        System.out.println("identitiesComplete=" + report.identities().complete());
        if (report.identities().complete()) {
            System.out.println("executedIdentities=" + report.identities().executedCount());
        }
        System.out.println("problems=" + report.problems().size());
        report.problems().forEach(problem -> System.out.println("problem=" + problem.kind() + " " + problem.message()));
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

    /** Problem elements of each notable kind, a flaky test's kind passing in the end. */
    private static final String[] NOTABLE_KINDS = {"failure", "flakyFailure", "skipped"};

    /**
     * {@code files} files each with {@code perKind} failed, flaky and skipped tests, every one with 10 problems
     * whose message and details are over the text limits, and system-out and system-err over theirs: the most
     * text the kept tests can hold. Read on 2 threads.
     */
    private static void texts(int files, int perKind) {
        TextLimits limits = TextLimits.DEFAULT;
        String message = text("message \u0100 0123456789 ", limits.maxMessageChars() + 100);
        String details = text("\n\tat com.acme.Foo.bar(Foo.java:42) \u0100", limits.maxDetailsChars() + 400);
        String output = text("line of output \u0100 0123456789\n", limits.maxTestOutputChars() + 200);
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            int number = file;
            inputs.add(new ReportInput("TEST-" + file + ".xml", () -> new GeneratedReport(SUITE, i -> {
                String kind = NOTABLE_KINDS[i / perKind];
                StringBuilder xml = new StringBuilder("<testcase classname=\"com.acme.T").append(number)
                        .append("\" name=\"").append(kind).append(i).append("\" time=\"0.01\">");
                for (int problem = 0; problem < 10; problem++) {
                    xml.append('<').append(kind).append(" message=\"").append(message)
                            .append("\" type=\"java.lang.AssertionError\">").append(details).append("</")
                            .append(kind).append('>');
                }
                return xml.append("<system-out>").append(output).append("</system-out><system-err>").append(output)
                        .append("</system-err></testcase>\n").toString();
            }, 3L * perKind, "</testsuite>\n")));
        }
        gateAndRender(new ReportParser(limits, 2).parse(inputs));
    }

    /** One file of {@code count} suites, each with one passing test. */
    private static void suites(int count) {
        ReportInput input = new ReportInput("TEST-suites.xml", () -> new GeneratedReport(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", i -> "<testsuite name=\"com.acme.Suite"
                + i + "\" time=\"0.001\"><testcase classname=\"com.acme.Suite" + i + "\" name=\"test\"/></testsuite>\n",
                count, "</testsuites>\n"));
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 2).parse(List.of(input)));
    }

    /** A name of more than {@code JUnitXmlParser.MAX_NAME_CHARS} characters, distinct by its start. */
    private static String longName(String start) {
        return start + text(".\u0100bcdefghij", 1_100);
    }

    /**
     * {@code files} files each with {@code perKind} failed, flaky and skipped tests, every one in a suite of its
     * own, with distinct names of more than 1,000 characters (class, test, suite, source file) and 10 problems with
     * distinct types as long: the most names the kept tests and suites can hold. Read on 2 threads.
     */
    private static void names(int files, int perKind) {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            int number = file;
            inputs.add(new ReportInput("TEST-" + file + ".xml", () -> new GeneratedReport(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", i -> {
                        String kind = NOTABLE_KINDS[i / perKind];
                        String id = number + "-" + i;
                        StringBuilder xml = new StringBuilder("<testsuite name=\"").append(longName("S" + id))
                                .append("\"><testcase classname=\"").append(longName("C" + id)).append("\" name=\"")
                                .append(longName("t" + id)).append("\" file=\"").append(longName("F" + id))
                                .append("\">");
                        for (int problem = 0; problem < 10; problem++) {
                            xml.append('<').append(kind).append(" message=\"m\" type=\"")
                                    .append(longName("E" + id + "-" + problem)).append("\"/>");
                        }
                        return xml.append("</testcase></testsuite>\n").toString();
                    }, 3L * perKind, "</testsuites>\n")));
        }
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 2).parse(inputs));
    }

    /**
     * The most one file's reading can hold, in every file: {@code MAX_LISTED_SUITES} suites with names over
     * 1,000 characters, then 500 failed, 500 flaky and 500 skipped tests with 10 problems each; the first 7 of
     * each kind with every text over its limit (more than {@code maxKeptTextChars} in all), the others with
     * messages over {@code MESSAGE_CHARS_WITHOUT_TEXTS} and names that nearly fill {@code maxKeptNameChars}.
     * The second file first holds {@code passingBefore} passing tests, so that the files after it are read while
     * it is: the merged report and every file read ahead are full at once. Read on 2 threads, and gated against a
     * baseline read from a JSON result, or, as the refine loop does ({@code refine}), against the baseline made
     * in memory from a first reading of the same files, whose identities stay in memory during the second.
     */
    private static void worst(int passingBefore, boolean refine) {
        TextLimits limits = TextLimits.DEFAULT;
        String message = text("message \u0100 0123456789 ", limits.maxMessageChars() + 100);
        String shortMessage = text("message \u0100 0123456789 ", TestReport.MESSAGE_CHARS_WITHOUT_TEXTS + 50);
        String details = text("\n\tat com.acme.Foo.bar(Foo.java:42) \u0100", limits.maxDetailsChars() + 400);
        String output = text("line of output \u0100 0123456789\n", limits.maxTestOutputChars() + 200);
        int perKind = limits.maxDetailedCases();
        int cases = 3 * perKind;
        // names and types charged per case, so that all of them nearly fill maxKeptNameChars
        int nameChars = limits.maxKeptNameChars() / cases - 10 * 6 - 10;
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 6; file++) {
            int number = file;
            int passing = file == 1 ? passingBefore : 0;
            int suites = TestReport.MAX_LISTED_SUITES;
            inputs.add(new ReportInput("TEST-" + file + ".xml", () -> new GeneratedReport(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"passing\">", i -> {
                        if (i < passing) {
                            return "<testcase classname=\"c\" name=\"passing" + i + "\"/>\n";
                        }
                        i -= passing;
                        if (i < suites) {
                            return (i == 0 ? "</testsuite>\n" : "") + "<testsuite name=\"" + longName("S" + number + "-" + i)
                                    + "\"/>\n";
                        }
                        i -= suites;
                        String kind = NOTABLE_KINDS[i / perKind];
                        boolean full = i % perKind < 7;
                        StringBuilder xml = new StringBuilder(i == 0 ? "<testsuite name=\"s\">" : "")
                                .append("<testcase classname=\"c\" name=\"")
                                .append(text("t" + number + "-" + i + "-\u0100bcdefghij", nameChars)).append("\">");
                        for (int problem = 0; problem < 10; problem++) {
                            xml.append('<').append(kind).append(" message=\"").append(full ? message : shortMessage)
                                    .append("\" type=\"E").append(problem).append(i % 10).append(i / 10 % 10)
                                    .append("\u0100\">").append(full ? details : "").append("</").append(kind).append('>');
                        }
                        if (full) {
                            xml.append("<system-out>").append(output).append("</system-out><system-err>").append(output)
                                    .append("</system-err>");
                        }
                        return xml.append("</testcase>\n").toString();
                    }, (long) passing + suites + cases, "</testsuite>\n</testsuites>\n")));
        }
        Baseline inMemory = null;
        if (refine) {
            TestReport first = new ReportParser(limits, 2).parse(inputs);
            QualityGate gate = QualityGate.defaults();
            Verdict verdict = gate.evaluate(new GateInput(first, null, null, List.of("TEST-*.xml"), List.of()));
            inMemory = Baseline.of(new ValidationResult(verdict, first, null, null, first.failures(), List.of(),
                    List.of("TEST-*.xml"), gate, Duration.ZERO), "iteration 0");
            System.out.println("baselineComplete=" + inMemory.identities().complete());
        }
        // against a baseline, so that the identities are compared (and sorted)
        TestReport report = new ReportParser(limits, 2).parse(inputs);
        gateAndRender(report, inMemory != null ? inMemory
                : new Baseline("before.json", report.counts(), report.failedIds()));
    }

    /**
     * {@code tests} passing tests in {@code files} files, read on 2 threads as a refine loop's iteration 0 and made its
     * baseline in memory, then read again with test 500 renamed, and gated against that baseline.
     */
    private static void identities(int tests, int files) {
        TestReport first = new ReportParser(TextLimits.DEFAULT, 2).parse(passing(tests, files, -1));
        QualityGate gate = QualityGate.defaults();
        Verdict verdict = gate.evaluate(new GateInput(first, null, null, List.of("TEST-*.xml"), List.of()));
        Baseline baseline = Baseline.of(new ValidationResult(verdict, first, null, null, first.failures(), List.of(),
                List.of("TEST-*.xml"), gate, Duration.ZERO), "iteration 0");
        System.out.println("baselineComplete=" + baseline.identities().complete());
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 2).parse(passing(tests, files, 500)), baseline);
    }

    /** {@code tests} passing tests spread over {@code files} files, test number {@code renamed} renamed. */
    private static List<ReportInput> passing(int tests, int files, int renamed) {
        List<ReportInput> inputs = new ArrayList<>();
        int perFile = (tests + files - 1) / files;
        for (int file = 0; file < files; file++) {
            int first = file * perFile;
            int count = Math.min(perFile, tests - first);
            inputs.add(new ReportInput("TEST-" + file + ".xml", () -> new GeneratedReport(SUITE, i -> {
                int test = first + i;
                return "<testcase classname=\"com.acme.T" + test / 1000 + "\" name=\"" + (test == renamed ? "renamed" : "test")
                        + test + "\" time=\"0.01\"/>\n";
            }, count, "</testsuite>\n")));
        }
        return inputs;
    }

    /** One file with a passing test, then {@code depth} {@code element}s nested in one another around another one. */
    private static void nested(String element, int depth) {
        ReportInput input = new ReportInput("TEST-nested.xml", () -> new GeneratedReport(
                "<testsuites><testsuite name=\"s\"><testcase classname=\"c\" name=\"before\"/>",
                i -> i < depth ? "<" + element + ">" : i == depth ? "<testcase classname=\"c\" name=\"inside\"/>"
                        : "</" + element + ">", 2L * depth + 1, "</testsuite></testsuites>"));
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 1).parse(List.of(input)));
    }

    /** One file of {@code count} passing tests, each with a class name of its own of more than 1,000 characters. */
    private static void classNames(int count) {
        ReportInput input = new ReportInput("TEST-classes.xml", () -> new GeneratedReport(SUITE,
                i -> "<testcase classname=\"" + longName("C" + i) + "\" name=\"test\" file=\"" + longName("F" + i)
                        + "\"/>\n", count, "</testsuite>\n"));
        gateAndRender(new ReportParser(TextLimits.DEFAULT, 2).parse(List.of(input)));
    }
}
