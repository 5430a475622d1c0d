package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.text.ControlCharacters;
import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import java.util.ArrayList;
import java.util.List;

/** A few lines for a terminal or a build log: verdict with totals, then reasons and notes. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static List<String> render(ValidationResult result) {
        List<String> lines = new ArrayList<>();
        TestCounts counts = result.report().counts();
        lines.add("Validation " + result.verdict().status() + ": " + counts.tests() + " tests, " + counts.passed()
                + " passed, " + counts.failures() + " failed, " + counts.errors() + " errors, " + counts.skipped()
                + " skipped, " + counts.flaky() + " flaky (pass rate " + passRate(counts) + ") in "
                + result.report().files().size() + " report file(s)");
        for (Reason reason : result.verdict().reasons()) {
            // reasons quote test and file names from the reports: one line each, whatever they hold
            lines.add("  FAILED " + reason.condition().parameterName() + ": "
                    + ControlCharacters.escape(reason.message()));
        }
        for (String note : result.verdict().notes()) {
            lines.add("  NOTE   " + ControlCharacters.escape(note));
        }
        return lines;
    }

    static String passRate(TestCounts counts) {
        if (counts.executed() == 0) {
            return "n/a";
        }
        return Decimals.fixed(100.0 * counts.passed() / counts.executed(), 2) + "%";
    }
}
