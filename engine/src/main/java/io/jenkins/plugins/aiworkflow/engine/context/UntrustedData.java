package io.jenkins.plugins.aiworkflow.engine.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntFunction;

/**
 * Fences text that comes from the repository or from build output, so that the model can
 * tell it from instructions:
 *
 * <pre>
 * &lt;&lt;&lt;BEGIN UNTRUSTED id=3f9a0c1d2e4b5a69 kind=file source="src/Main.java"&gt;&gt;&gt;
 * ...text...
 * &lt;&lt;&lt;END UNTRUSTED id=3f9a0c1d2e4b5a69&gt;&gt;&gt;
 * </pre>
 *
 * <p>The id is derived from the kind, the source and the text (SHA-256, 64 bits in hex), so
 * the same input always gives the same bytes (prompt caches hit), and it never occurs in the
 * text or the source: if a candidate does, the next one is taken. So no text can contain the
 * line that ends its own block. The source is quoted with {@code "}, {@code \}, {@code <},
 * {@code >}, control and bidirectional-formatting characters escaped, so the header stays one
 * line that the source cannot end early.
 */
public final class UntrustedData {
    private static final String BEGIN = "<<<BEGIN UNTRUSTED id=";
    private static final String END = "<<<END UNTRUSTED id=";

    private UntrustedData() {
    }

    /**
     * The fenced block, ending with a newline. A newline is added before the end line when
     * the text does not end with one.
     *
     * @param kind   a short word saying what the text is, such as {@code file} or {@code feedback}
     * @param source where it comes from (a workspace path), or null
     * @param text   the untrusted text
     */
    public static String fence(String kind, String source, String text) {
        String id = id(kind, source, text);
        StringBuilder out = new StringBuilder(text.length() + 128)
                .append(BEGIN).append(id).append(" kind=").append(kind);
        if (source != null) {
            out.append(" source=").append(quote(source));
        }
        out.append(">>>\n").append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append('\n');
        }
        return out.append(END).append(id).append(">>>\n").toString();
    }

    /** The id {@link #fence} uses for these inputs. */
    public static String id(String kind, String source, String text) {
        String seed = kind + "\n" + (source == null ? "" : source) + "\n";
        return firstAbsent(text, source, attempt -> sha256Hex64(attempt + "\n" + seed + text));
    }

    /** The first candidate that occurs neither in the text nor in the source. */
    static String firstAbsent(String text, String source, IntFunction<String> candidates) {
        for (int attempt = 0; ; attempt++) {
            String candidate = candidates.apply(attempt);
            if (!text.contains(candidate) && (source == null || !source.contains(candidate))) {
                return candidate;
            }
        }
    }

    private static String sha256Hex64(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /**
     * A name from the repository (path, file name) made safe for one line of prompt text:
     * quoted, with {@code "}, {@code \}, {@code <}, {@code >}, control and bidirectional
     * formatting characters escaped as in JSON.
     */
    public static String quote(String name) {
        return "\"" + escape(name) + "\"";
    }

    /** {@link #quote} without the quotes. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || isInvisibleFormatting(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isInvisibleFormatting(char c) {
        return (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0xfeff || (c >= 0x80 && c <= 0x9f);
    }
}
