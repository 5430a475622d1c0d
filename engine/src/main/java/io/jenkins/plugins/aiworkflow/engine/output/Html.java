package io.jenkins.plugins.aiworkflow.engine.output;

/**
 * HTML building blocks for texts we do not control (test names, model summaries, diffs, file names):
 * they only ever appear escaped, as text content or inside quoted attribute values, never as markup,
 * so a test named {@code <script>} shows as that text and runs nothing.
 */
final class Html {
    private Html() {
    }

    /**
     * {@code text} escaped for an element's content or a double- or single-quoted attribute value.
     * Control characters but tab and line breaks, which HTML cannot carry as text, show as {@code U+XXXX}.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
                        out.append("U+").append("0000", hex.length(), 4).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
