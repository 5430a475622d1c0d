package io.jenkins.plugins.aiworkflow.engine.report;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.io.Serializable;

/**
 * How much of each report text is kept (head + tail with a truncation marker), how many notable
 * test cases are kept, and how many characters all kept cases may hold together, so that memory
 * stays bounded however large, broken or numerous the reports are. Every {@link TestReport.Builder}
 * applies these bounds, each file's and the merged one alike (see {@link TestReport}).
 *
 * @param maxMessageChars    failure/error/skip message attribute
 * @param maxDetailsChars    failure/error element text, usually a stack trace
 * @param maxTestOutputChars a test case's system-out and system-err, each
 * @param maxDetailedCases   failed, flaky and skipped cases (each kind) that are kept (listed), the first
 *                           ones in file order; later ones of the kind are only counted
 *                           ({@link TestReport#failuresNotListed()} and the like)
 * @param maxKeptTextChars   the texts (messages, details, system-out, system-err) of all kept cases together;
 *                           once a case's texts do not fit, it and every later case are kept without texts
 *                           ({@link TestReport#listedWithoutTexts()})
 * @param maxKeptNameChars   the names (test, class, suite, source file) and problem types of all kept cases
 *                           together; once a case's names do not fit, it and every later notable case are
 *                           only counted
 */
public record TextLimits(int maxMessageChars, int maxDetailsChars, int maxTestOutputChars, int maxDetailedCases,
                         int maxKeptTextChars, int maxKeptNameChars) implements Serializable {
    /** The default of {@link #maxKeptTextChars()}; docs/security.md shows why it fits in a 64 MiB heap. */
    public static final int DEFAULT_MAX_KEPT_TEXT_CHARS = 1_000_000;
    /** The default of {@link #maxKeptNameChars()}; docs/security.md shows why it fits in a 64 MiB heap. */
    public static final int DEFAULT_MAX_KEPT_NAME_CHARS = 500_000;
    public static final TextLimits DEFAULT = new TextLimits(1_000, 4_000, 2_000, 500);

    public TextLimits {
        requireNonNegative("maxMessageChars", maxMessageChars);
        requireNonNegative("maxDetailsChars", maxDetailsChars);
        requireNonNegative("maxTestOutputChars", maxTestOutputChars);
        requireNonNegative("maxDetailedCases", maxDetailedCases);
        requireNonNegative("maxKeptTextChars", maxKeptTextChars);
        requireNonNegative("maxKeptNameChars", maxKeptNameChars);
    }

    /** With the default budgets for all kept cases together. */
    public TextLimits(int maxMessageChars, int maxDetailsChars, int maxTestOutputChars, int maxDetailedCases) {
        this(maxMessageChars, maxDetailsChars, maxTestOutputChars, maxDetailedCases, DEFAULT_MAX_KEPT_TEXT_CHARS,
                DEFAULT_MAX_KEPT_NAME_CHARS);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new InvalidRequestException(name, name + " must be >= 0, was " + value, null);
        }
    }
}
