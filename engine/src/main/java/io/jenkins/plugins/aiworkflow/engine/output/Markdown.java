package io.jenkins.plugins.aiworkflow.engine.output;

/**
 * Markdown building blocks for texts we do not control (test output, model output, file names):
 * they only ever appear as code spans, fenced blocks or escaped sentences, never as Markdown or
 * HTML of their own, so a comment cannot be hijacked by what it quotes.
 */
final class Markdown {
    private Markdown() {
    }

    /** Longer runs of backticks are shown as a count: a fence must outgrow them, and must stay short. */
    static final int MAX_BACKTICK_RUN = 15;
    private static final java.util.regex.Pattern LONG_BACKTICK_RUN =
            java.util.regex.Pattern.compile("`{" + (MAX_BACKTICK_RUN + 1) + ",}");

    /** {@code text} with every run of more than {@value #MAX_BACKTICK_RUN} backticks replaced by its count. */
    private static String shortRuns(String text) {
        return LONG_BACKTICK_RUN.matcher(text).replaceAll(run -> "[" + run.group().length() + " backticks]");
    }

    /** Inline code span that holds any text, backticks included, on one line. */
    static String code(String text) {
        String oneLine = shortRuns(text).replace('\n', ' ').replace('\r', ' ');
        String fence = "`";
        while (oneLine.contains(fence)) {
            fence += "`";
        }
        String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
        return fence + pad + oneLine + pad + fence;
    }

    /**
     * A fenced block that holds any text: the fence is longer than any run of backticks in it.
     *
     * @param indent put before every line, to nest the block in a list item
     * @param info   the info string after the opening fence, such as {@code diff}; empty for none
     */
    static String fenced(String text, String indent, String info) {
        text = shortRuns(text);
        String fence = "```";
        while (text.contains(fence)) {
            fence += "`";
        }
        StringBuilder out = new StringBuilder().append(indent).append(fence).append(info).append('\n');
        for (String line : text.split("\n", -1)) {
            out.append(indent).append(line).append('\n');
        }
        return out.append(indent).append(fence).append('\n').toString();
    }

    /** Escapes what Markdown or HTML would interpret in a sentence of ours that quotes names or messages. */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            if ("\\`*_[]<>|#!~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
