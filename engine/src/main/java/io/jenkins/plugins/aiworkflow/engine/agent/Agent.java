package io.jenkins.plugins.aiworkflow.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.context.AssembledContext;
import io.jenkins.plugins.aiworkflow.engine.context.ContextBuilder;
import io.jenkins.plugins.aiworkflow.engine.context.ContextNote;
import io.jenkins.plugins.aiworkflow.engine.context.TokenCounter;
import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.ledger.LedgerEntry;
import io.jenkins.plugins.aiworkflow.engine.ledger.LimitReached;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.AssistantMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.FinishReason;
import io.jenkins.plugins.aiworkflow.engine.llm.MaskingModel;
import io.jenkins.plugins.aiworkflow.engine.llm.Message;
import io.jenkins.plugins.aiworkflow.engine.llm.Model;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelException;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelRequest;
import io.jenkins.plugins.aiworkflow.engine.llm.ModelResponse;
import io.jenkins.plugins.aiworkflow.engine.llm.SystemMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolResultMessage;
import io.jenkins.plugins.aiworkflow.engine.llm.UserMessage;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandChanges;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.text.ControlCharacters;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tool-calling loop behind {@code aiImplement}: assemble the context, then call the model
 * and run the tools it asks for until it calls {@code finish}, a limit is reached, the model
 * fails, or it keeps sending replies that cannot be used. Limits are checked before every
 * model call. The workspace's changes stay whatever the reason for stopping.
 *
 * <p>Messages are only ever appended, so every request starts with the previous request's
 * bytes (system prompt, tools, history) and providers' prompt caches hit.
 */
public final class Agent {
    /** Tool results sent back to the model are kept within this many characters (head + tail). */
    static final int MAX_TOOL_RESULT_CHARS = 60_000;
    /** Transcript copies of tool results and model texts are kept within this many characters. */
    static final int MAX_TRANSCRIPT_TEXT_CHARS = 20_000;
    /** An internal failure's class and message are kept within this many characters. */
    static final int MAX_FAILURE_CHARS = 2_000;
    /** Stack frames of an internal failure in the log line that asks for a report. */
    private static final int MAX_LOGGED_FRAMES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;
    private final Ledger ledger;
    private final EngineLog log;
    private final Transcript transcript;
    /**
     * The policy's registered secret values masked, for every text this class cuts: masking after a
     * cut could leave the head of a secret that the cut split (set per run; one run at a time).
     */
    private UnaryOperator<String> secrets = UnaryOperator.identity();

    /**
     * @param ledger where every model call is recorded, and what the request's budget is checked against:
     *               a ledger shared by several runs makes the budget one of all of them (its turns, tokens,
     *               cost and wall time since it was created), while each run's result reports its own usage
     */
    public Agent(Model model, Ledger ledger, EngineLog log, Transcript transcript) {
        this.model = model;
        this.ledger = ledger;
        this.log = log;
        this.transcript = transcript;
    }

    /**
     * Runs the agent to its stop. Whatever ends the run, a result comes back and the transcript gets its
     * {@code stop} event: an exception or error inside the run (a bug, the memory running out) stops it
     * with {@link StopReason.Kind#INTERNAL_ERROR} naming the exception. Only a context that cannot be
     * built from the request (an {@link InvalidRequestException}: bad input) is thrown, before anything ran.
     */
    public AgentResult run(AgentRequest request, Workspace workspace) {
        return run(request, workspace, null);
    }

    /**
     * {@link #run(AgentRequest, Workspace)} for a caller that keeps track of the changes of several runs
     * on one workspace (the refine loop's iterations). The result reports what this run changed against
     * the state at its start; {@code allRuns} then also tracks those files, with their content from
     * before the first run that changed them, so that its {@link Sandbox#changedFiles()} and
     * {@link Sandbox#diff()} span every run it was given to. Its policy is the one its diff
     * is masked by; give it the runs' policy.
     *
     * @param allRuns the caller's change tracker on the same workspace; null for none
     */
    public AgentResult run(AgentRequest request, Workspace workspace, Sandbox allRuns) {
        secrets = request.policy().environment()::redact;
        // Every request goes through the mask, whatever built its messages; texts cut before (context
        // files, tool results) were masked before the cut as well.
        Model toModel = new MaskingModel(model, secrets);
        Sandbox sandbox = new Sandbox(workspace, request.policy());
        Run run = new Run();
        StopReason stop;
        try {
            stop = loop(request, sandbox, toModel, run);
        } catch (ContextRefused e) {
            throw e.refusal;
        } catch (OutOfMemoryError e) {
            // the conversation is what fills the memory: let it go, the result still has to be written
            run.messages = null;
            stop = internalError(e, run);
        } catch (Throwable e) {
            stop = internalError(e, run);
        }
        AgentResult result = finish(stop, sandbox, run);
        if (allRuns != null) {
            allRuns.include(sandbox);
        }
        return result;
    }

    /** What one run has so far; the loop fills it, and the result is made from it however the loop ended. */
    private static final class Run {
        private List<Message> messages = new ArrayList<>();
        private AssembledContext context;
        private int turns;
        /** This run's model calls only: the ledger may be shared with other runs and hold their calls too. */
        private Totals usage = Totals.NONE;
        private String summary = "";
        private final List<String> policyNotes = new ArrayList<>();
        /** The turn under way (0 before the first), named when an internal error ends the run. */
        private int turn;
    }

    /**
     * A prompt the request cannot be built into, on its way out of the loop: the one failure thrown to the
     * caller instead of ending the run with a result (anything else the run meets is the run's to report).
     */
    private static final class ContextRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidRequestException refusal;

        ContextRefused(InvalidRequestException refusal) {
            super(refusal.getMessage(), refusal, false, false);
            this.refusal = refusal;
        }
    }

    private StopReason loop(AgentRequest request, Sandbox sandbox, Model toModel, Run run) {
        AgentTools tools = new AgentTools(sandbox, AgentRequest.DEFAULT_MAX_LISTED_FILES,
                AgentRequest.DEFAULT_MAX_SEARCH_RESULTS, line -> log.info("  | " + line),
                () -> request.budget().remainingWallTime(ledger));
        // Hidden files stay out of the prompt too (repository map, instruction and context files).
        AssembledContext context;
        try {
            context = ContextBuilder.build(request.context(), sandbox.visibleWorkspace(), secrets);
        } catch (InvalidRequestException e) {
            throw new ContextRefused(e);
        }
        run.context = context;
        context.omissions().forEach(note -> log.warning("Context: " + note.message()));
        writeStart(request, context);

        List<Message> messages = run.messages;
        messages.add(new SystemMessage(context.systemPrompt()));
        messages.add(new UserMessage(context.firstUserMessage()));
        String pricedModel = java.util.Objects.requireNonNullElse(request.context().modelName(), "");
        OptionalInt maxOutputTokens = request.maxOutputTokens() == null ? OptionalInt.empty()
                : OptionalInt.of(request.maxOutputTokens());

        int consecutiveErrors = 0;
        Set<String> limitNotes = new HashSet<>();
        // Counted only when a token or money limit needs the size of the next prompt.
        boolean estimatePrompt = request.budget().maxTokens().isPresent() || request.budget().maxCostUsd().isPresent();
        PromptTokens promptTokens = estimatePrompt
                ? new PromptTokens(TokenCounter.forModel(request.context().modelName()), tools.specs()) : null;
        while (true) {
            run.turn = run.turns + 1;
            long prompt = estimatePrompt ? promptTokens.estimate(messages) : 0;
            Optional<LimitReached> limit = request.budget().checkCall(ledger, pricedModel, prompt);
            if (limit.isPresent()) {
                return StopReason.limit(limit.get().limit(), limit.get().message());
            }
            if (Thread.currentThread().isInterrupted()) {
                return new StopReason(StopReason.Kind.CANCELLED, "the run was cancelled before turn " + run.turn);
            }
            ModelResponse response;
            int sent = messages.size();
            try {
                // The call gets the wall time left, so that its retries and their waits cannot overrun the limit,
                // and an output cap within what the token and money limits leave after its prompt.
                response = toModel.complete(new ModelRequest(messages, tools.specs(),
                        request.budget().outputCap(ledger, pricedModel, prompt, maxOutputTokens),
                        request.budget().remainingWallTime(ledger)));
            } catch (ModelException e) {
                return switch (e.kind()) {
                    case CANCELLED -> new StopReason(StopReason.Kind.CANCELLED, "the run was cancelled during turn "
                            + run.turn);
                    case WALL_TIME -> StopReason.limit(LimitReached.Limit.WALL_TIME, "wall time limit reached during "
                            + "the model call of turn " + run.turn + ": " + e.getMessage());
                    default -> new StopReason(StopReason.Kind.MODEL_ERROR, "the model call of turn " + run.turn
                            + " failed: " + e.getMessage());
                };
            }
            int turns = ++run.turns;
            if (estimatePrompt) {
                promptTokens.reported(response.usage().inputTokens(), sent);
            }
            // Priced by the configured name, the one the budget checks: servers often answer with
            // another (a dated snapshot, an Azure deployment, "llama3.1:latest").
            LedgerEntry entry = ledger.record(pricedModel.isBlank() ? response.modelId() : pricedModel,
                    response.usage(), response.latency(), response.waited());
            run.usage = run.usage.plus(entry);
            // What stays in the conversation, and is sent again on every later turn, is bounded.
            KeptReply kept = KeptReply.of(response.message(), secrets);
            writeModelCall(turns, response, kept.message(), entry);
            kept.cutNote().ifPresent(note -> log.warning("Turn " + turns + ": the reply was too large: " + note));
            AssistantMessage reply = kept.message();
            messages.add(reply);

            String problem = replyProblem(response);
            if (problem != null) {
                // An unusable reply goes back to the model as a correction, never silently dropped.
                if (reply.hasToolCalls()) {
                    for (ToolCall call : reply.toolCalls()) {
                        messages.add(new ToolResultMessage(call.id(), call.name(), "ERROR: not run: " + problem));
                    }
                } else {
                    messages.add(new UserMessage("ERROR: " + problem));
                }
                writeCorrection(turns, problem);
                consecutiveErrors++;
                log.warning("Turn " + turns + ": " + problem);
            } else {
                boolean anyOk = false;
                List<String> called = new ArrayList<>();
                StopReason finished = null;
                for (int i = 0; i < reply.toolCalls().size(); i++) {
                    ToolCall call = reply.toolCalls().get(i);
                    // A call whose arguments were cut is answered, never run: they are not what the model sent.
                    // One kept whole has its arguments exactly as sent.
                    Optional<String> notRun = kept.notRun(i);
                    ToolOutcome outcome = notRun.isPresent() ? ToolOutcome.error("not run: " + notRun.get())
                            : tools.call(call);
                    called.add(call.name() + (outcome.error() ? " (refused)" : ""));
                    if (outcome.changes().filter(CommandChanges::needsPolicyNote).isPresent()) {
                        run.policyNotes.addAll(policyNotes(turns, call, outcome.changes().get(), limitNotes));
                    }
                    String content = cut(outcome.content(), MAX_TOOL_RESULT_CHARS);
                    messages.add(new ToolResultMessage(call.id(), call.name(), content));
                    writeToolResult(turns, call, outcome);
                    anyOk |= !outcome.error();
                    if (outcome.finish()) {
                        run.summary = outcome.content();
                        finished = outcome.cannotProceed()
                                ? new StopReason(StopReason.Kind.CANNOT_PROCEED, "the agent called finish saying it "
                                        + "cannot proceed")
                                : new StopReason(StopReason.Kind.FINISHED, "the agent called finish");
                    }
                }
                Optional<String> dropped = kept.droppedCalls();
                if (dropped.isPresent()) {
                    messages.add(new UserMessage("ERROR: " + dropped.get()));
                    writeCorrection(turns, dropped.get());
                }
                consecutiveErrors = anyOk ? 0 : consecutiveErrors + 1;
                progress(turns, called, run.usage);
                if (finished != null) {
                    return finished;
                }
            }
            if (consecutiveErrors >= request.maxConsecutiveErrors()) {
                return new StopReason(StopReason.Kind.INVALID_REPLIES, consecutiveErrors
                        + " unusable replies in a row (maxConsecutiveErrors is " + request.maxConsecutiveErrors()
                        + "); the last: " + lastProblem(messages));
            }
        }
    }

    /**
     * The stop for an exception or error that ended the run from inside: its class and message (secrets
     * masked, cut), and the turn it happened in. An interrupted run that failed on the way out is cancelled.
     */
    private StopReason internalError(Throwable failure, Run run) {
        String what = cut(String.valueOf(failure), MAX_FAILURE_CHARS);
        String where = run.turns == 0 && run.turn == 0 ? "before the first turn" : "during turn " + run.turn;
        if (Thread.currentThread().isInterrupted()) {
            return new StopReason(StopReason.Kind.CANCELLED, "the run was cancelled " + where + " (" + what + ")");
        }
        log.error("Internal error " + where + ", please report it: " + what + stackHead(failure));
        return new StopReason(StopReason.Kind.INTERNAL_ERROR, "internal error " + where + ": " + what);
    }

    /** The first frames of the failure's stack trace, for the log line that asks for a report. */
    private static String stackHead(Throwable failure) {
        StringBuilder text = new StringBuilder();
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(MAX_LOGGED_FRAMES, frames.length); i++) {
            text.append("\n    at ").append(frames[i]);
        }
        return text.toString();
    }

    /** The result of the run however it stopped; written to the transcript's {@code stop} event and the log. */
    private AgentResult finish(StopReason stop, Sandbox sandbox, Run run) {
        List<FileChange> changes;
        String diff;
        try {
            changes = sandbox.changedFiles();
            diff = sandbox.diff();
        } catch (RuntimeException e) {
            // the result must still come back: without the changes, saying why
            if (stop.kind() != StopReason.Kind.INTERNAL_ERROR) {
                throw e;
            }
            changes = List.of();
            diff = "";
            stop = new StopReason(stop.kind(), stop.message() + "; the changed files could not be listed either: "
                    + cut(String.valueOf(e), MAX_FAILURE_CHARS));
        }
        AgentStatus status = switch (stop.kind()) {
            case FINISHED, CANNOT_PROCEED -> changes.isEmpty() ? AgentStatus.NO_CHANGE : AgentStatus.CHANGED;
            case LIMIT -> AgentStatus.LIMIT;
            case MODEL_ERROR, INVALID_REPLIES, CANCELLED, INTERNAL_ERROR -> AgentStatus.ERROR;
        };
        List<ContextNote> contextNotes = run.context == null ? List.of() : run.context.notes();
        AgentResult result = new AgentResult(status, stop, run.summary, changes, diff, run.usage, run.turns,
                contextNotes, run.policyNotes);
        try {
            writeStop(result);
        } catch (RuntimeException e) {
            if (stop.kind() != StopReason.Kind.INTERNAL_ERROR) {
                throw e;
            }
            // the transcript may be what failed; the result still comes back
            log.error("The transcript's stop event could not be written: " + cut(String.valueOf(e),
                    MAX_FAILURE_CHARS));
        }
        log.info("Agent stopped: " + stop.message() + "; status " + status + ", " + changes.size()
                + " file(s) changed, " + run.turns + " turn(s), " + usage(run.usage));
        return result;
    }

    /**
     * The user's sentences about what a command changed beyond what the agent may change (with the
     * hidden files named, unlike in what the model is told), each also logged as a warning.
     */
    private List<String> policyNotes(int turn, ToolCall call, CommandChanges changes, Set<String> limitNotes) {
        String command = "turn " + turn + ", run_command " + commandOf(call);
        List<String> notes = new ArrayList<>();
        if (!changes.notWritable().isEmpty()) {
            notes.add(command + " changed " + changes.notWritable().size() + " file(s) the agent may not change "
                    + "(read-only or not writable; they stay changed in the workspace and are not in the result): "
                    + paths(changes.notWritable()));
        }
        if (!changes.hidden().isEmpty()) {
            notes.add(command + " changed " + changes.hidden().size() + " hidden file(s) (they stay changed in the "
                    + "workspace and are not in the result): " + paths(changes.hidden()));
        }
        for (String note : changes.notes()) {
            // a limit of the comparison is usually the same for every command: say it once per run
            if (limitNotes.add(note)) {
                notes.add(command + ": " + note);
            }
        }
        notes.forEach(note -> log.warning("Policy note: " + note));
        return notes;
    }

    /** Secrets masked first, then head and tail kept: no part of a secret survives the cut. */
    private String cut(String text, int maxChars) {
        return Truncation.headTail(secrets.apply(text), maxChars);
    }

    private String commandOf(ToolCall call) {
        try {
            return "'" + ControlCharacters.escape(cut(JSON.readTree(call.argumentsJson()).path("command").asText(), 200))
                    + "'";
        } catch (JsonProcessingException e) {
            return "(id " + call.id() + ")"; // it ran, so its arguments were JSON; never mind
        }
    }

    private static String paths(List<FileChange> changes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < changes.size(); i++) {
            if (i == AgentTools.MAX_CHANGES_LISTED) {
                return text.append(" and ").append(changes.size() - i).append(" more").toString();
            }
            // names a command chose go into log lines: they must not be able to forge one
            text.append(i == 0 ? "" : ", ").append(ControlCharacters.escape(changes.get(i).path())).append(" (")
                    .append(changes.get(i).kind().name()).append(')');
        }
        return text.toString();
    }

    /** Why a reply cannot be used, or null when its tool calls can run. */
    private String replyProblem(ModelResponse response) {
        if (response.refusalText().isPresent()) {
            return "the model refused: " + cut(response.refusalText().get(), 500)
                    + "; the intent needs tool calls that change the workspace, or finish with a summary";
        }
        if (response.finishReason() == FinishReason.NO_CHOICES) {
            return "the reply had no choices; reply again with tool calls";
        }
        if (response.finishReason() == FinishReason.LENGTH) {
            return "the reply was cut off (finish_reason=length) before it was complete; make smaller steps, e.g. "
                    + "edit_file instead of rewriting whole files";
        }
        if (response.finishReason() == FinishReason.CONTENT_FILTER) {
            return "the reply was stopped by the provider's content filter";
        }
        if (!response.message().hasToolCalls()) {
            return "the reply had no tool call; work through the tools and call finish with a summary when done";
        }
        return null;
    }

    private String lastProblem(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            String content = message instanceof ToolResultMessage result ? result.content()
                    : message instanceof UserMessage user ? user.text() : null;
            if (content != null && content.startsWith("ERROR: ")) {
                return cut(content.substring("ERROR: ".length()), 300);
            }
        }
        return "(none recorded)";
    }

    private void progress(int turn, List<String> called, Totals usage) {
        log.info("Turn " + turn + ": " + String.join(", ", called) + " - " + usage(usage));
    }

    private static String usage(Totals totals) {
        return totals.usage().totalTokens() + " tokens (" + totals.usage().inputTokens() + " in, "
                + totals.usage().cachedInputTokens() + " cached, " + totals.usage().outputTokens() + " out), cost "
                + totals.cost();
    }

    private void writeStart(AgentRequest request, AssembledContext context) {
        ObjectNode event = transcript.event("start");
        event.put("intent", request.context().intent());
        event.put("feedback", request.context().feedback());
        event.put("model", model.describe());
        event.put("budget", request.budget().toString());
        event.put("policy", request.policy().toString());
        event.put("systemPromptTokens", context.systemPromptTokens());
        event.put("systemPromptSha256", context.systemPromptSha256());
        event.put("firstUserMessageTokens", context.firstUserMessageTokens());
        ArrayNode notes = event.putArray("contextNotes");
        for (ContextNote note : context.notes()) {
            notes.add(note.message());
        }
        transcript.write(event);
    }

    private void writeModelCall(int turn, ModelResponse response, AssistantMessage kept, LedgerEntry entry) {
        ObjectNode event = transcript.event("model_call");
        event.put("turn", turn);
        event.put("model", cut(response.modelId(), MAX_TRANSCRIPT_TEXT_CHARS));
        event.put("finishReason", response.finishReason().name());
        event.put("text", cut(kept.text(), MAX_TRANSCRIPT_TEXT_CHARS));
        if (response.refusal() != null) {
            event.put("refusal", cut(response.refusal(), MAX_TRANSCRIPT_TEXT_CHARS));
        }
        ArrayNode calls = event.putArray("toolCalls");
        for (ToolCall call : kept.toolCalls()) {
            ObjectNode node = calls.addObject();
            node.put("id", call.id());
            node.put("name", call.name());
            node.put("arguments", cut(call.argumentsJson(), MAX_TRANSCRIPT_TEXT_CHARS));
        }
        ObjectNode usage = event.putObject("usage");
        usage.put("inputTokens", response.usage().inputTokens());
        usage.put("cachedInputTokens", response.usage().cachedInputTokens());
        usage.put("outputTokens", response.usage().outputTokens());
        usage.put("reasoningTokens", response.usage().reasoningTokens());
        event.put("cost", entry.cost().toString());
        event.put("latencyMillis", response.latency().toMillis());
        event.put("waitedMillis", response.waited().toMillis());
        event.put("attempts", response.attempts());
        transcript.write(event);
    }

    private void writeToolResult(int turn, ToolCall call, ToolOutcome outcome) {
        ObjectNode event = transcript.event("tool_result");
        event.put("turn", turn);
        event.put("toolCallId", call.id());
        event.put("tool", call.name());
        event.put("error", outcome.error());
        event.put("content", cut(outcome.content(), MAX_TRANSCRIPT_TEXT_CHARS));
        outcome.changes().filter(changes -> !changes.isEmpty()).ifPresent(changes -> {
            ObjectNode node = event.putObject("commandChanges");
            changeArray(node.putArray("tracked"), changes.tracked());
            changeArray(node.putArray("notWritable"), changes.notWritable());
            changeArray(node.putArray("hidden"), changes.hidden());
            ArrayNode notes = node.putArray("notes");
            changes.notes().forEach(notes::add);
        });
        transcript.write(event);
    }

    private static void changeArray(ArrayNode array, List<FileChange> changes) {
        for (FileChange change : changes) {
            array.addObject().put("path", change.path()).put("kind", change.kind().name());
        }
    }

    private void writeCorrection(int turn, String problem) {
        ObjectNode event = transcript.event("correction");
        event.put("turn", turn);
        event.put("message", problem);
        transcript.write(event);
    }

    private void writeStop(AgentResult result) {
        ObjectNode event = transcript.event("stop");
        event.put("status", result.status().name());
        event.put("stopReason", result.stopReason().kind().name());
        result.stopReason().limitReached().ifPresent(limit -> event.put("limit", limit.name()));
        event.put("message", result.stopReason().message());
        event.put("summary", result.summary());
        event.put("turns", result.turns());
        ArrayNode files = event.putArray("changedFiles");
        for (FileChange change : result.changedFiles()) {
            files.addObject().put("path", change.path()).put("kind", change.kind().name());
        }
        ObjectNode usage = event.putObject("usage");
        usage.put("inputTokens", result.usage().usage().inputTokens());
        usage.put("cachedInputTokens", result.usage().usage().cachedInputTokens());
        usage.put("outputTokens", result.usage().usage().outputTokens());
        usage.put("reasoningTokens", result.usage().usage().reasoningTokens());
        event.put("cost", result.usage().cost().toString());
        event.put("diff", cut(result.diff(), MAX_TRANSCRIPT_TEXT_CHARS));
        ArrayNode policyNotes = event.putArray("policyNotes");
        result.policyNotes().forEach(policyNotes::add);
        transcript.write(event);
    }
}
