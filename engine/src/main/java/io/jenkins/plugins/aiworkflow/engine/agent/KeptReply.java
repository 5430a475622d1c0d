package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.llm.AssistantMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the agent keeps of one model reply in the conversation, which every later request sends
 * again: the text and each tool call's arguments within a limit (head and tail around the
 * {@link Truncation#marker}), ids and names within a limit, and at most {@link #MAX_TOOL_CALLS}
 * tool calls. A server that floods its answers therefore cannot make the conversation, and the
 * memory it takes, grow by more than a bounded amount per turn. A call whose arguments were cut is
 * not valid JSON any more: it must be answered with {@link #notRun(int)}, never run.
 */
final class KeptReply {
    /** The most characters of a reply's text that are kept (head and tail). */
    static final int MAX_TEXT_CHARS = 20_000;
    /** The most characters of one tool call's arguments that are kept; a call with more is not run. */
    static final int MAX_TOOL_CALL_ARGUMENTS_CHARS = 200_000;
    /** The most tool calls of one reply that are kept and run; the rest are dropped with a correction. */
    static final int MAX_TOOL_CALLS = 32;
    /** The most characters of a tool call's id and of its name that are kept. */
    static final int MAX_TOOL_CALL_NAME_CHARS = 256;

    private final AssistantMessage message;
    private final List<String> notRun;
    private final int toolCalls;
    private final long textChars;

    private KeptReply(AssistantMessage message, List<String> notRun, int toolCalls, long textChars) {
        this.message = message;
        this.notRun = notRun;
        this.toolCalls = toolCalls;
        this.textChars = textChars;
    }

    /**
     * @param reply   the reply as the model sent it
     * @param secrets masks registered secrets: applied before any cut, which could split a secret
     */
    static KeptReply of(AssistantMessage reply, UnaryOperator<String> secrets) {
        List<ToolCall> kept = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (ToolCall call : reply.toolCalls()) {
            if (kept.size() == MAX_TOOL_CALLS) {
                break;
            }
            String arguments = call.argumentsJson();
            String name = cut(call.name(), MAX_TOOL_CALL_NAME_CHARS, secrets);
            notRun.add(arguments.length() <= MAX_TOOL_CALL_ARGUMENTS_CHARS ? null : String.format(Locale.ROOT,
                    "the arguments of %s were %,d characters, more than the %,d that are kept of one tool call; "
                            + "they were cut, so the call was not run: make smaller steps, e.g. write a large file "
                            + "in parts (write_file with the first part, then edit_file to add the rest)",
                    name, arguments.length(), MAX_TOOL_CALL_ARGUMENTS_CHARS));
            kept.add(new ToolCall(cut(call.id(), MAX_TOOL_CALL_NAME_CHARS, secrets), name,
                    cut(arguments, MAX_TOOL_CALL_ARGUMENTS_CHARS, secrets)));
        }
        // null for a call that may run (List.copyOf refuses nulls)
        return new KeptReply(new AssistantMessage(cut(reply.text(), MAX_TEXT_CHARS, secrets), kept),
                Collections.unmodifiableList(notRun), reply.toolCalls().size(), reply.text().length());
    }

    /** Masked first when it must be cut; an uncut text is masked when it is sent, like every text. */
    private static String cut(String text, int maxChars, UnaryOperator<String> secrets) {
        return text.length() <= maxChars ? text : Truncation.headTail(secrets.apply(text), maxChars);
    }

    /** The reply as kept: the message that stays in the conversation. */
    AssistantMessage message() {
        return message;
    }

    /** Why kept call {@code index} must not run (its arguments were cut), or empty when it may. */
    Optional<String> notRun(int index) {
        return Optional.ofNullable(notRun.get(index));
    }

    /** The correction for tool calls beyond {@link #MAX_TOOL_CALLS}, or empty when there were none. */
    Optional<String> droppedCalls() {
        if (toolCalls <= MAX_TOOL_CALLS) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the reply had %,d tool calls; only the first %,d were kept "
                + "and run, the other %,d were dropped: make at most %,d tool calls per reply", toolCalls,
                MAX_TOOL_CALLS, toolCalls - MAX_TOOL_CALLS, MAX_TOOL_CALLS));
    }

    /** For the log: what was cut of the reply, or empty when it was kept whole. */
    Optional<String> cutNote() {
        List<String> parts = new ArrayList<>();
        if (textChars > MAX_TEXT_CHARS) {
            parts.add(String.format(Locale.ROOT, "its text of %,d characters was cut to %,d (head and tail)",
                    textChars, MAX_TEXT_CHARS));
        }
        long cutCalls = notRun.stream().filter(Objects::nonNull).count();
        if (cutCalls > 0) {
            parts.add(String.format(Locale.ROOT, "the arguments of %,d tool call(s) were longer than %,d characters "
                    + "and were cut; those calls are not run", cutCalls, MAX_TOOL_CALL_ARGUMENTS_CHARS));
        }
        droppedCalls().ifPresent(parts::add);
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}
