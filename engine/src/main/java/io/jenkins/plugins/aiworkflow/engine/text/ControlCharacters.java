package io.jenkins.plugins.aiworkflow.engine.text;

import java.util.Locale;

/**
 * Makes a text that someone else chose (a file name the model wrote, a command) safe for one
 * line of a log or a console: control characters, line breaks and terminal escape sequences
 * among them, are shown as {@code \\uXXXX} instead of acting, so the text cannot forge lines.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** {@code text} with C0 (but tab), DEL and C1 characters as {@code \\uXXXX}; the same string when it has none. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
