package io.jenkins.plugins.aiworkflow.engine.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: parses XML text and keeps everything the parser hands out. */
final class Reports {
    final List<TestCaseResult> cases = new ArrayList<>();
    final List<SuiteSummary> suites = new ArrayList<>();
    Optional<ReportProblem> problem;

    static Reports parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8), TextLimits.DEFAULT);
    }

    static Reports parse(byte[] bytes, TextLimits limits) {
        Reports reports = new Reports();
        try {
            reports.problem = new JUnitXmlParser(limits).parse(
                    new ReportInput("report.xml", () -> new ByteArrayInputStream(bytes)),
                    new TestCaseListener() {
                        @Override
                        public void testCase(TestCaseResult testCase) {
                            reports.cases.add(testCase);
                        }

                        @Override
                        public void suite(SuiteSummary suite) {
                            reports.suites.add(suite);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reports;
    }

    TestCaseResult only() {
        if (cases.size() != 1) {
            throw new AssertionError("expected one test case, got " + cases);
        }
        return cases.get(0);
    }

    TestCaseResult named(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test case " + name + " in " + cases));
    }
}
