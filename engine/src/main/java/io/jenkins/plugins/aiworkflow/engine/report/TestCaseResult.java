package io.jenkins.plugins.aiworkflow.engine.report;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One test case as read from a report; texts are already truncated. A case kept after the texts of
 * the cases before it filled {@link TextLimits#maxKeptTextChars()} is kept {@linkplain #withoutTexts()
 * without texts}. Immutable.
 */
public final class TestCaseResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reportFile;
    private final String suiteName;
    private final String className;
    private final String name;
    private final String sourceFile;
    private final int line;
    private final double durationSeconds;
    private final TestStatus status;
    private final boolean flaky;
    private final List<TestProblem> problems;
    private final String systemOut;
    private final String systemErr;
    private final boolean withoutTexts;

    private TestCaseResult(Builder builder) {
        reportFile = Objects.requireNonNullElse(builder.reportFile, "");
        suiteName = Objects.requireNonNullElse(builder.suiteName, "");
        className = Objects.requireNonNullElse(builder.className, "");
        name = Objects.requireNonNullElse(builder.name, "");
        sourceFile = Objects.requireNonNullElse(builder.sourceFile, "");
        line = builder.line;
        durationSeconds = builder.durationSeconds;
        status = Objects.requireNonNull(builder.status, "status");
        flaky = builder.flaky && status == TestStatus.PASSED;
        problems = builder.problems == null || builder.problems.isEmpty() ? List.of() : List.copyOf(builder.problems);
        systemOut = Objects.requireNonNullElse(builder.systemOut, "");
        systemErr = Objects.requireNonNullElse(builder.systemErr, "");
        withoutTexts = false;
    }

    /** A copy of {@code full} with other problems and without output. */
    private TestCaseResult(TestCaseResult full, List<TestProblem> problems) {
        reportFile = full.reportFile;
        suiteName = full.suiteName;
        className = full.className;
        name = full.name;
        sourceFile = full.sourceFile;
        line = full.line;
        durationSeconds = full.durationSeconds;
        status = full.status;
        flaky = full.flaky;
        this.problems = List.copyOf(problems);
        systemOut = "";
        systemErr = "";
        withoutTexts = true;
    }

    /** A copy of {@code other} with its texts passed through {@code text}. */
    private TestCaseResult(TestCaseResult other, UnaryOperator<String> text) {
        reportFile = text.apply(other.reportFile);
        suiteName = text.apply(other.suiteName);
        className = text.apply(other.className);
        name = text.apply(other.name);
        sourceFile = text.apply(other.sourceFile);
        line = other.line;
        durationSeconds = other.durationSeconds;
        status = other.status;
        flaky = other.flaky;
        List<TestProblem> mapped = new ArrayList<>(other.problems.size());
        for (TestProblem problem : other.problems) {
            mapped.add(new TestProblem(problem.kind(), text.apply(problem.type()), text.apply(problem.message()),
                    text.apply(problem.details())));
        }
        problems = List.copyOf(mapped);
        systemOut = text.apply(other.systemOut);
        systemErr = text.apply(other.systemErr);
        withoutTexts = other.withoutTexts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * This case with every text (names, problem types, messages, details, output) passed through {@code text}, such
     * as a masking of secret values where they are known.
     */
    public TestCaseResult withTexts(UnaryOperator<String> text) {
        return new TestCaseResult(this, text);
    }

    /** Identity for baseline matching: class name, else suite name, plus test name. */
    public TestId id() {
        return new TestId(scope(), name);
    }

    /** The scope of {@link #id()}: the class name, else the suite name. */
    String scope() {
        return className.isEmpty() ? suiteName : className;
    }

    public String reportFile() {
        return reportFile;
    }

    public String suiteName() {
        return suiteName;
    }

    public String className() {
        return className;
    }

    public String name() {
        return name;
    }

    /** The {@code file} attribute (pytest, jest), empty when absent. */
    public String sourceFile() {
        return sourceFile;
    }

    /** The {@code line} attribute, -1 when absent. */
    public int line() {
        return line;
    }

    /** NaN when the report has no readable time. */
    public double durationSeconds() {
        return durationSeconds;
    }

    public TestStatus status() {
        return status;
    }

    /** Passed after at least one failed attempt. */
    public boolean flaky() {
        return flaky;
    }

    public List<TestProblem> problems() {
        return problems;
    }

    public String systemOut() {
        return systemOut;
    }

    public String systemErr() {
        return systemErr;
    }

    /**
     * True when this case was kept without its texts: its problems keep their kinds and types, the first
     * one the head and tail of its message ({@value TestReport#MESSAGE_CHARS_WITHOUT_TEXTS} characters);
     * the other messages, all details and the output are dropped.
     */
    public boolean withoutTexts() {
        return withoutTexts;
    }

    /** Characters of the texts: messages, details, system-out and system-err. */
    long textChars() {
        long chars = (long) systemOut.length() + systemErr.length();
        for (TestProblem problem : problems) {
            chars += problem.message().length() + problem.details().length();
        }
        return chars;
    }

    /**
     * Characters of the names and problem types, counting a name that is the same object as the same
     * name of {@code previous} (the parser shares the class, suite and file names of a file) only there.
     */
    long nameChars(TestCaseResult previous) {
        long chars = name.length();
        if (previous == null || className != previous.className) {
            chars += className.length();
        }
        if (suiteName != className && (previous == null || suiteName != previous.suiteName)) {
            chars += suiteName.length();
        }
        if (previous == null || sourceFile != previous.sourceFile) {
            chars += sourceFile.length();
        }
        for (TestProblem problem : problems) {
            chars += problem.type().length();
        }
        return chars;
    }

    /**
     * This case without texts, or this case itself when that would drop nothing (see {@link #withoutTexts()}).
     *
     * @param messageChars how much of the first message is kept, head and tail
     */
    TestCaseResult withoutTexts(int messageChars) {
        if (withoutTexts) {
            return this;
        }
        List<TestProblem> reduced = new ArrayList<>(problems.size());
        long chars = 0;
        for (TestProblem problem : problems) {
            String message = "";
            if (reduced.isEmpty()) {
                String cut = Truncation.headTailAgain(problem.message(), messageChars);
                message = cut.length() < problem.message().length() ? cut : problem.message(); // the marker costs too
            }
            chars += message.length();
            reduced.add(new TestProblem(problem.kind(), problem.type(), message, ""));
        }
        return chars == textChars() ? this : new TestCaseResult(this, reduced);
    }

    @Override
    public String toString() {
        return id() + " " + status + (flaky ? " (flaky)" : "");
    }

    /** Builder; {@link #status(TestStatus)} is required. */
    public static final class Builder {
        private String reportFile;
        private String suiteName;
        private String className;
        private String name;
        private String sourceFile;
        private int line = -1;
        private double durationSeconds = Double.NaN;
        private TestStatus status;
        private boolean flaky;
        private List<TestProblem> problems; // most cases pass: allocated on the first problem
        private String systemOut;
        private String systemErr;

        private Builder() {
        }

        /** Back to a new builder's state, so a parser can build every case of a file with one builder. */
        Builder reset() {
            reportFile = null;
            suiteName = null;
            className = null;
            name = null;
            sourceFile = null;
            line = -1;
            durationSeconds = Double.NaN;
            status = null;
            flaky = false;
            if (problems != null) {
                problems.clear();
            }
            systemOut = null;
            systemErr = null;
            return this;
        }

        public Builder reportFile(String value) {
            reportFile = value;
            return this;
        }

        public Builder suiteName(String value) {
            suiteName = value;
            return this;
        }

        public Builder className(String value) {
            className = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder sourceFile(String value) {
            sourceFile = value;
            return this;
        }

        public Builder line(int value) {
            line = value;
            return this;
        }

        public Builder durationSeconds(double value) {
            durationSeconds = value;
            return this;
        }

        public Builder status(TestStatus value) {
            status = value;
            return this;
        }

        public Builder flaky(boolean value) {
            flaky = value;
            return this;
        }

        public Builder addProblem(TestProblem problem) {
            if (problems == null) {
                problems = new ArrayList<>(2);
            }
            problems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        public Builder systemOut(String value) {
            systemOut = value;
            return this;
        }

        public Builder systemErr(String value) {
            systemErr = value;
            return this;
        }

        public TestCaseResult build() {
            return new TestCaseResult(this);
        }
    }
}
