package io.jenkins.plugins.aiworkflow.plugin.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for serving a record's report files: which names are served, which file a name is (never one outside
 * the record's directory), and the headers each is served with.
 */
final class ReportFiles {
    /**
     * Letters, digits, {@code .}, {@code _}, {@code -}, not starting with a dot: no separator, no {@code ..}, no
     * hidden or temporary file ({@code .refine.html.1a2b.tmp} while it is being replaced).
     */
    private static final Pattern SERVABLE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    /**
     * For HTML reports: nothing loaded from anywhere, no script, no form, no plugin, no base URL; inline styles
     * (the style element, style attributes) and inline SVG allowed, which is all the engine's refine report uses.
     * The report's own meta tag is stricter for styles (it allows its style element by hash only); a browser
     * enforces both. {@code sandbox} gives the page an origin of its own, so even a script that got in could not
     * act on Jenkins with the reader's session.
     */
    static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
            + "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";
    /** For every other file: nothing at all (a browser that renders it anyway loads and runs nothing). */
    static final String OTHER_POLICY = "default-src 'none'; frame-ancestors 'self'; sandbox";

    private ReportFiles() {
    }

    static boolean isServableName(String name) {
        return name != null && SERVABLE_NAME.matcher(name).matches();
    }

    /**
     * The content type a file is served with, by its extension. Markdown, diffs, the transcript (JSON Lines) and
     * logs are served as {@code text/plain}, which every browser shows as text, rather than as their own types,
     * which some browsers only offer to download; an unknown extension is a download
     * ({@code application/octet-stream}, see {@link #isAttachment}).
     */
    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) {
            return "text/html;charset=UTF-8";
        }
        if (lower.endsWith(".json")) {
            return "application/json;charset=UTF-8";
        }
        if (lower.endsWith(".md") || lower.endsWith(".diff") || lower.endsWith(".patch") || lower.endsWith(".jsonl")
                || lower.endsWith(".txt") || lower.endsWith(".log")) {
            return "text/plain;charset=UTF-8";
        }
        if (lower.endsWith(".xml")) {
            return "application/xml";
        }
        return "application/octet-stream";
    }

    static boolean isAttachment(String name) {
        return contentType(name).equals("application/octet-stream");
    }

    static String policy(String name) {
        return contentType(name).startsWith("text/html") ? HTML_POLICY : OTHER_POLICY;
    }

    /**
     * The file {@code name} of the record directory {@code <buildDirectory>/<recordsFolder>/<recordId>}, or null when
     * it is not one to serve: a name that is not {@linkplain #isServableName servable}, a file that does not exist
     * or is not a regular file (a link, even to a file inside, or a directory), or a record directory that is not
     * where it should be (it or its parent replaced by a link that leads elsewhere).
     *
     * @param buildDirectory the build's directory ({@code Run.getRootDir()})
     * @param recordsFolder  the folder of the records in it ({@value AiWorkflowAction#FOLDER})
     * @param recordId       a record's id, already checked to be one of the build's records
     */
    static Path resolve(Path buildDirectory, String recordsFolder, String recordId, String name) {
        if (!isServableName(name) || !isServableName(recordId)) {
            return null;
        }
        try {
            Path expected = buildDirectory.toRealPath().resolve(recordsFolder).resolve(recordId);
            Path directory = buildDirectory.resolve(recordsFolder).resolve(recordId);
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) || !directory.toRealPath().equals(expected)) {
                return null;
            }
            Path file = expected.resolve(name);
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() && file.getParent().equals(expected) ? file : null;
        } catch (IOException e) {
            return null;
        }
    }
}
