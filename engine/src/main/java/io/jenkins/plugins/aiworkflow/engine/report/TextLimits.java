package io.jenkins.plugins.aiworkflow.engine.report;

/**
 * How much of each report text is kept (head + tail with a truncation marker), and for
 * how many notable test cases texts are kept at all, so that memory stays bounded
 * however large or broken the reports are.
 *
 * @param maxMessageChars   failure/error/skip message attribute
 * @param maxDetailsChars   failure/error element text, usually a stack trace
 * @param maxTestOutputChars a test case's system-out and system-err, each
 * @param maxDetailedCases  failed, flaky and skipped cases (each) that keep their texts;
 *                          later failed and flaky ones keep identity and status only, later
 *                          skipped ones are only counted
 */
public record TextLimits(int maxMessageChars, int maxDetailsChars, int maxTestOutputChars, int maxDetailedCases) {
    public static final TextLimits DEFAULT = new TextLimits(1_000, 4_000, 2_000, 500);

    public TextLimits {
        requireNonNegative("maxMessageChars", maxMessageChars);
        requireNonNegative("maxDetailsChars", maxDetailsChars);
        requireNonNegative("maxTestOutputChars", maxTestOutputChars);
        requireNonNegative("maxDetailedCases", maxDetailedCases);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
