package io.jenkins.plugins.aiworkflow.engine.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files below a temporary workspace root. */
final class TempTree {
    private final Path root;

    TempTree(Path root) {
        this.root = root;
    }

    TempTree write(String relative, String text) {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    TempTree write(String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "line N of PATH: ..." making about {@code chars} characters of varied text. */
    static String text(String path, int chars) {
        StringBuilder out = new StringBuilder(chars + 80);
        for (int line = 1; out.length() < chars; line++) {
            out.append("line ").append(line).append(" of ").append(path).append(": value = compute(")
                    .append(line * 31 % 97).append(", \"").append(Integer.toHexString(line * 2_654_435)).append("\");\n");
        }
        return out.toString();
    }

    /** The text between the BEGIN line of the block from {@code source} and the first END line with its id. */
    static String fencedText(String prompt, String source) {
        String header = " source=" + UntrustedData.quote(source) + ">>>\n";
        int headerAt = prompt.indexOf(header);
        if (headerAt < 0) {
            return null;
        }
        int lineStart = prompt.lastIndexOf('\n', headerAt) + 1;
        String id = prompt.substring(lineStart, headerAt).replaceAll(".*id=(\\S+) .*", "$1");
        int start = headerAt + header.length();
        int end = prompt.indexOf("\n<<<END UNTRUSTED id=" + id + ">>>\n", start - 1);
        return prompt.substring(start, end + 1);
    }
}
