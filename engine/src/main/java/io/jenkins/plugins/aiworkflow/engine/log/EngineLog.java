package io.jenkins.plugins.aiworkflow.engine.log;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The engine's only way to talk to a person: lines at INFO, WARNING or ERROR. The CLI copies
 * them to the terminal, the plugin to the build log. Kept in memory with a cap on lines and
 * line length; every line also goes to an optional live sink as it is written.
 * Thread-safe.
 */
public final class EngineLog {
    /** Severity of a line. */
    public enum Level { INFO, WARNING, ERROR }

    /** One line of the log. */
    public record Line(Level level, String text) {
        public Line {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(text, "text");
        }

        /** As printed: WARNING and ERROR lines start with their level, as Jenkins users expect. */
        @Override
        public String toString() {
            return level == Level.INFO ? text : level + ": " + text;
        }
    }

    public static final int DEFAULT_MAX_LINES = 10_000;
    public static final int DEFAULT_MAX_LINE_CHARS = 2_000;

    private final int maxLines;
    private final int maxLineChars;
    private final Consumer<Line> sink;
    private final List<Line> lines = new ArrayList<>();
    private long dropped;

    public EngineLog(int maxLines, int maxLineChars, Consumer<Line> sink) {
        this.maxLines = maxLines;
        this.maxLineChars = maxLineChars;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A log that only keeps its lines. */
    public EngineLog() {
        this(DEFAULT_MAX_LINES, DEFAULT_MAX_LINE_CHARS, line -> { });
    }

    /** A log that also hands every line to {@code sink} as it is written. */
    public static EngineLog to(Consumer<Line> sink) {
        return new EngineLog(DEFAULT_MAX_LINES, DEFAULT_MAX_LINE_CHARS, sink);
    }

    public void info(String text) {
        write(Level.INFO, text);
    }

    public void warning(String text) {
        write(Level.WARNING, text);
    }

    public void error(String text) {
        write(Level.ERROR, text);
    }

    private void write(Level level, String text) {
        Line line = new Line(level, Truncation.headTail(Objects.requireNonNullElse(text, ""), maxLineChars));
        synchronized (this) {
            if (lines.size() < maxLines) {
                lines.add(line);
            } else {
                dropped++;
            }
        }
        sink.accept(line);
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines written after the cap was reached (they went to the sink, but are not kept). */
    public synchronized long droppedLines() {
        return dropped;
    }
}
