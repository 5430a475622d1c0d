package io.jenkins.plugins.aiworkflow.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolCall;
import io.jenkins.plugins.aiworkflow.engine.llm.ToolSpec;
import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandChanges;
import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandRun;
import io.jenkins.plugins.aiworkflow.engine.sandbox.FileExcerpt;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchMatch;
import io.jenkins.plugins.aiworkflow.engine.sandbox.SearchResult;
import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's tools, bound to one {@link Sandbox}: every file and command operation
 * goes through its policy. A refused or failed call becomes an error result the model can read
 * and correct; it never ends the run by itself. The tool list is fixed and ordered, so the
 * request's tool block is byte-identical on every turn (prompt caching).
 */
public final class AgentTools {
    public static final String LIST_FILES = "list_files";
    public static final String READ_FILE = "read_file";
    public static final String SEARCH = "search";
    public static final String WRITE_FILE = "write_file";
    public static final String EDIT_FILE = "edit_file";
    public static final String DELETE_FILE = "delete_file";
    public static final String RUN_COMMAND = "run_command";
    public static final String FINISH = "finish";
    /** The {@code outcome} of a finish that fulfilled the intent (the default). */
    public static final String OUTCOME_DONE = "done";
    /** The {@code outcome} of a finish that says the intent cannot be carried out. */
    public static final String OUTCOME_CANNOT_PROCEED = "cannot_proceed";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A command's changed files listed to the model at most; the rest are counted. */
    static final int MAX_CHANGES_LISTED = 50;

    private final Sandbox sandbox;
    private final int maxListedFiles;
    private final int maxSearchResults;
    private final Consumer<String> commandOutput;
    private final Supplier<Optional<Duration>> timeLeft;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    /** One tool: its specification and what it does with parsed arguments. */
    private record Tool(ToolSpec spec, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        ToolOutcome call(JsonNode arguments);
    }

    /**
     * @param commandOutput receives the output lines of commands the agent runs, as they come
     */
    public AgentTools(Sandbox sandbox, int maxListedFiles, int maxSearchResults,
                      Consumer<String> commandOutput) {
        this(sandbox, maxListedFiles, maxSearchResults, commandOutput, Optional::empty);
    }

    /**
     * @param commandOutput receives the output lines of commands the agent runs, as they come
     * @param timeLeft      the run's wall time left, if it has a limit: a command gets no more than that
     */
    public AgentTools(Sandbox sandbox, int maxListedFiles, int maxSearchResults,
                      Consumer<String> commandOutput, Supplier<Optional<Duration>> timeLeft) {
        this.timeLeft = Objects.requireNonNull(timeLeft, "timeLeft");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.maxListedFiles = maxListedFiles;
        this.maxSearchResults = maxSearchResults;
        this.commandOutput = Objects.requireNonNull(commandOutput, "commandOutput");
        add(LIST_FILES, "List the files of the workspace matching an Ant-style glob (e.g. 'src/**/*.java'), "
                + "sorted by path, with their sizes, grouped by directory: a line 'dir/sub/' (or './' for the root) "
                + "followed by its files indented, so 'dir/sub/' + '  A.java' is the path 'dir/sub/A.java'.",
                "{\"type\":\"object\",\"properties\":{\"glob\":{\"type\":\"string\",\"description\":"
                        + "\"Ant-style pattern relative to the workspace root; default **\"}},"
                        + "\"additionalProperties\":false}",
                this::listFiles);
        add(READ_FILE, "Read a text file, whole or lines from_line..to_line (1-based, inclusive). Long files "
                + "come back as head and tail around a truncation marker: read line ranges then.",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
                        + "\"from_line\":{\"type\":\"integer\",\"minimum\":1},"
                        + "\"to_line\":{\"type\":\"integer\",\"minimum\":1}},"
                        + "\"required\":[\"path\"],\"additionalProperties\":false}",
                this::readFile);
        add(SEARCH, "Search text files for a Java regular expression; returns path:line: text for each "
                + "matching line, at most max_results.",
                "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"},"
                        + "\"glob\":{\"type\":\"string\",\"description\":\"Ant-style pattern; default **\"},"
                        + "\"max_results\":{\"type\":\"integer\",\"minimum\":1}},"
                        + "\"required\":[\"pattern\"],\"additionalProperties\":false}",
                this::search);
        add(WRITE_FILE, "Create or replace a whole text file. Prefer edit_file for changes to existing files.",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
                        + "\"content\":{\"type\":\"string\"}},"
                        + "\"required\":[\"path\",\"content\"],\"additionalProperties\":false}",
                this::writeFile);
        add(EDIT_FILE, "Replace one exact occurrence of 'search' by 'replace' in a text file. 'search' must "
                + "match exactly once, whitespace included; include enough surrounding lines to make it unique.",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
                        + "\"search\":{\"type\":\"string\"},\"replace\":{\"type\":\"string\"}},"
                        + "\"required\":[\"path\",\"search\",\"replace\"],\"additionalProperties\":false}",
                this::editFile);
        add(DELETE_FILE, "Delete a file.",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
                        + "\"required\":[\"path\"],\"additionalProperties\":false}",
                this::deleteFile);
        add(RUN_COMMAND, "Run an allowed command (e.g. the build or the tests) in the workspace root; returns "
                + "its exit code and output. Only commands starting with an allowed prefix run; no shell "
                + "operators (; & | > < ` $( ).",
                "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}},"
                        + "\"required\":[\"command\"],\"additionalProperties\":false}",
                this::runCommand);
        add(FINISH, "Call when the intent is fulfilled (or cannot be), with a short summary of what you changed "
                + "and why. The project's tests decide whether the work is good; do not claim they pass unless "
                + "you ran them. Set outcome to 'cannot_proceed' only when the intent cannot be carried out at all "
                + "(it contradicts the tests, or needs files or commands you may not use), and say why in the "
                + "summary: no further attempt is made then.",
                "{\"type\":\"object\",\"properties\":{\"summary\":{\"type\":\"string\"},"
                        + "\"outcome\":{\"type\":\"string\",\"enum\":[\"" + OUTCOME_DONE + "\",\""
                        + OUTCOME_CANNOT_PROCEED + "\"],\"description\":\"default " + OUTCOME_DONE + "\"}},"
                        + "\"required\":[\"summary\"],\"additionalProperties\":false}",
                this::finish);
    }

    private void add(String name, String description, String schema, Handler handler) {
        tools.put(name, new Tool(new ToolSpec(name, description, schema), handler));
    }

    /** The tools' specifications, always in the same order. */
    public List<ToolSpec> specs() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    /** Runs one tool call; unknown tools, invalid JSON and refusals come back as error results. */
    public ToolOutcome call(ToolCall call) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return ToolOutcome.error("unknown tool '" + call.name() + "'; available tools: "
                    + String.join(", ", tools.keySet()));
        }
        JsonNode arguments;
        try {
            arguments = call.argumentsJson().isBlank() ? JSON.createObjectNode() : JSON.readTree(call.argumentsJson());
        } catch (JsonProcessingException e) {
            return ToolOutcome.error("the arguments of " + call.name() + " are not valid JSON ("
                    + e.getOriginalMessage() + "); send a JSON object as described by the tool's parameters");
        }
        if (arguments == null || !arguments.isObject()) {
            return ToolOutcome.error("the arguments of " + call.name() + " must be a JSON object, were: "
                    + Truncation.headTail(call.argumentsJson(), 200));
        }
        try {
            return tool.handler().call(arguments);
        } catch (WorkspaceException | IllegalArgumentException e) {
            // bad input (an InvalidRequestException, a PolicyViolation) and a failed file operation alike
            return ToolOutcome.error(e.getMessage());
        }
    }

    private static String text(JsonNode arguments, String field) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing argument '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("argument '" + field + "' must be a string, was " + value.getNodeType());
        }
        return value.asText();
    }

    private static String optionalText(JsonNode arguments, String field, String fallback) {
        JsonNode value = arguments.get(field);
        return value == null || value.isNull() ? fallback : text(arguments, field);
    }

    private static int optionalInt(JsonNode arguments, String field, int fallback) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("argument '" + field + "' must be an integer, was " + value);
        }
        return value.asInt();
    }

    private ToolOutcome listFiles(JsonNode arguments) {
        List<WorkspaceFile> files = sandbox.listFiles(optionalText(arguments, "glob", "**"));
        if (files.isEmpty()) {
            return ToolOutcome.ok("no file matches");
        }
        // Grouped by directory, each directory named once: a listing costs the model about half the
        // tokens of full paths on every later turn, since it stays in the conversation. Sorted by
        // directory first: by path, "a.txt" < "a/x.txt" < "b.txt" would name the root twice.
        List<WorkspaceFile> byDirectory = new java.util.ArrayList<>(files);
        byDirectory.sort(java.util.Comparator.comparing((WorkspaceFile file) -> parent(file.path()))
                .thenComparing(WorkspaceFile::path));
        StringBuilder out = new StringBuilder();
        String directory = null;
        int shown = 0;
        for (WorkspaceFile file : byDirectory) {
            if (shown++ == maxListedFiles) {
                out.append("[... and ").append(files.size() - maxListedFiles)
                        .append(" more files; use a narrower glob ...]\n");
                break;
            }
            String path = file.path();
            int slash = path.lastIndexOf('/');
            String parent = parent(path);
            if (!parent.equals(directory)) {
                directory = parent;
                out.append(parent.isEmpty() ? "./" : parent).append('\n');
            }
            out.append("  ").append(path, slash + 1, path.length())
                    .append(" (").append(file.size()).append(" bytes)\n");
        }
        return ToolOutcome.ok(out.toString());
    }

    /** The directory part of a path with its trailing slash, "" for the root. */
    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    private ToolOutcome readFile(JsonNode arguments) {
        String path = text(arguments, "path");
        boolean ranged = arguments.hasNonNull("from_line") || arguments.hasNonNull("to_line");
        FileExcerpt excerpt = ranged
                ? sandbox.readText(path, optionalInt(arguments, "from_line", 1),
                        optionalInt(arguments, "to_line", Integer.MAX_VALUE))
                : sandbox.readText(path);
        String header = excerpt.isWholeFile() ? excerpt.path() + " (" + excerpt.totalLines() + " lines)"
                : excerpt.path() + " lines " + excerpt.fromLine() + "-" + excerpt.toLine() + " of "
                + excerpt.totalLines();
        return ToolOutcome.ok(header + "\n" + excerpt.text());
    }

    private ToolOutcome search(JsonNode arguments) {
        int max = Math.min(maxSearchResults, Math.max(1, optionalInt(arguments, "max_results", maxSearchResults)));
        SearchResult result = sandbox.search(text(arguments, "pattern"), optionalText(arguments, "glob", "**"),
                max);
        if (result.matches().isEmpty()) {
            return ToolOutcome.ok("no match in " + result.filesSearched() + " files");
        }
        StringBuilder out = new StringBuilder();
        for (SearchMatch match : result.matches()) {
            out.append(match).append('\n');
        }
        if (result.limitReached()) {
            out.append("[... more matches not shown: max_results is ").append(max).append(" ...]\n");
        }
        return ToolOutcome.ok(out.toString());
    }

    private ToolOutcome writeFile(JsonNode arguments) {
        String path = text(arguments, "path");
        String content = text(arguments, "content");
        return ToolOutcome.ok(sandbox.writeText(path, content).name().toLowerCase(java.util.Locale.ROOT) + " "
                + path + " (" + content.length() + " chars)");
    }

    private ToolOutcome editFile(JsonNode arguments) {
        String path = text(arguments, "path");
        sandbox.editText(path, text(arguments, "search"), text(arguments, "replace"));
        return ToolOutcome.ok("edited " + path);
    }

    private ToolOutcome deleteFile(JsonNode arguments) {
        String path = text(arguments, "path");
        sandbox.delete(path);
        return ToolOutcome.ok("deleted " + path);
    }

    private ToolOutcome runCommand(JsonNode arguments) {
        String command = text(arguments, "command");
        Optional<Duration> left = timeLeft.get();
        if (left.isPresent() && left.get().isZero()) {
            return ToolOutcome.error("the run's wall-time limit (timeout) is reached; the command was not run");
        }
        // The command's own limit, cut to the run's time left: the run's timeout holds during commands too.
        CommandRun run = sandbox.runTrackedCommand(command, left.orElse(null), commandOutput);
        CommandResult result = run.result();
        String status = result.timedOut() ? "timed out after " + result.duration().toSeconds() + " s and was killed"
                : "exit code " + result.exitCode();
        // What the command changed comes before its output, so that no truncation of the output can cut it.
        return new ToolOutcome(status + "\n" + describe(run.changes()) + result.output(), false, false,
                run.changes());
    }

    /** What a command changed, as the model reads it: its own changes, and a policy note for the rest. */
    private String describe(CommandChanges changes) {
        StringBuilder text = new StringBuilder();
        if (!changes.tracked().isEmpty()) {
            text.append("Files this command changed (part of your result, like your own edits): ")
                    .append(list(changes.tracked(), null)).append('\n');
        }
        if (!changes.notWritable().isEmpty()) {
            text.append("POLICY NOTE: this command changed ").append(changes.notWritable().size())
                    .append(" file(s) you may not change: ").append(list(changes.notWritable(), sandbox.policy()))
                    .append(". The change stays in the workspace and is reported to the user; it is not part of "
                            + "your result. Do not run commands that change such files.\n");
        }
        if (!changes.hidden().isEmpty()) {
            // The names stay hidden from the model; the transcript and the log name them for the user.
            text.append("POLICY NOTE: this command changed ").append(changes.hidden().size())
                    .append(" hidden file(s); this is reported to the user.\n");
        }
        for (String note : changes.notes()) {
            text.append("NOTE: ").append(note).append('\n');
        }
        return text.toString();
    }

    private static String list(List<FileChange> changes, WorkspacePolicy policy) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (FileChange change : changes) {
            if (shown++ == MAX_CHANGES_LISTED) {
                text.append(" and ").append(changes.size() - MAX_CHANGES_LISTED).append(" more");
                break;
            }
            text.append(shown == 1 ? "" : ", ").append(change.path()).append(" (")
                    .append(change.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (policy != null) {
                text.append(policy.isReadOnly(change.path()) ? ", read-only" : ", not writable");
            }
            text.append(')');
        }
        return text.toString();
    }

    private ToolOutcome finish(JsonNode arguments) {
        String summary = text(arguments, "summary").strip();
        String outcome = optionalText(arguments, "outcome", OUTCOME_DONE);
        if (!outcome.equals(OUTCOME_DONE) && !outcome.equals(OUTCOME_CANNOT_PROCEED)) {
            throw new IllegalArgumentException("argument 'outcome' must be one of " + OUTCOME_DONE + ", "
                    + OUTCOME_CANNOT_PROCEED + "; was '" + Truncation.headTail(outcome, 100) + "'");
        }
        return outcome.equals(OUTCOME_DONE) ? ToolOutcome.finished(summary) : ToolOutcome.cannotProceed(summary);
    }
}
