package io.jenkins.plugins.aiworkflow.plugin.action;

import hudson.model.TaskListener;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.text.ControlCharacters;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Copies the engine's log lines to the build log, each line prefixed with the step's name, so that lines of
 * steps running side by side ({@code parallel}) can be told apart:
 * <pre>
 * [aiRefine] iteration 2: 3 tests failing
 * [aiRefine] WARNING: the gate failed:
 * [aiRefine]   2 tests failed
 * </pre>
 * A message of several lines gets the prefix on every line, and is written in one piece so that another
 * branch's lines never come between its lines. Control characters (terminal escapes among them) are shown as
 * {@code \\uXXXX} instead of acting, so a text from outside (a test name, the model's summary) cannot forge a
 * line or a console note.
 *
 * <p>The engine's {@link EngineLog} is a class with a sink rather than an interface: a step makes its log with
 * {@link #log()} (or {@code EngineLog.to(stepConsole)}), and its own lines go through {@link #println}.
 */
public final class StepConsole implements Consumer<EngineLog.Line> {
    private final PrintStream out;
    private final String prefix;

    /**
     * @param listener the step's listener ({@code getContext().get(TaskListener.class)})
     * @param stepName the step's name ({@code aiRefine}); letters, digits and {@code _}, starting with a letter
     * @throws IllegalArgumentException naming {@code stepName} when it is not a step name
     */
    public StepConsole(TaskListener listener, String stepName) {
        this.out = Objects.requireNonNull(listener, "listener").getLogger();
        this.prefix = "[" + Row.checkStepName(stepName, "stepName") + "] ";
    }

    /** An engine log whose every line goes to the build log through this console, as it is written. */
    public EngineLog log() {
        return EngineLog.to(this);
    }

    /** Writes an engine line: {@code WARNING: } and {@code ERROR: } lines keep their level after the prefix. */
    @Override
    public void accept(EngineLog.Line line) {
        println(line.toString());
    }

    /** Writes a message of one or more lines ({@code \n}, {@code \r\n} or {@code \r}), each prefixed. */
    public void println(String message) {
        out.print(prefixed(message));
        out.flush();
    }

    /** The message as written: each line prefixed and ended with a line feed. */
    String prefixed(String message) {
        String text = message == null ? "" : message;
        StringBuilder lines = new StringBuilder(text.length() + prefix.length() + 1);
        int start = 0;
        while (true) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lines.append(prefix).append(ControlCharacters.escape(text.substring(start, end))).append('\n');
            if (end == text.length()) {
                return lines.toString();
            }
            start = end + (text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? 2 : 1);
            if (start == text.length()) {
                return lines.toString(); // a message that ends with a line break gets no empty line after it
            }
        }
    }
}
