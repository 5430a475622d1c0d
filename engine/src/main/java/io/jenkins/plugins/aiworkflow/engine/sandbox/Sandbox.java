package io.jenkins.plugins.aiworkflow.engine.sandbox;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.pattern.Glob;
import io.jenkins.plugins.aiworkflow.engine.text.HeadTailBuffer;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.EnvironmentPolicy;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.OperatingSystem;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The agent's sandbox: the operations its tools perform, on top of any {@link Workspace} and under a
 * {@link WorkspacePolicy}: the policy lives here, above the port, so that the local and the
 * build-agent workspace enforce the same rules. It uses a workspace and is not one: its operations are
 * the tools' (read lines, search, edit, run an allowed command), not the port's; what the engine reads
 * on the agent's behalf goes through {@link #visibleWorkspace()}, the one view that is a workspace.
 *
 * <p>Every refusal is an {@link InvalidRequestException} naming the argument (a {@link PolicyViolation}
 * when a rule of the policy says no) whose message can be sent back to the model as it is: it names the
 * path or command, the rule, and what is accepted; a refused change changes nothing. A file that cannot
 * be read or written is a {@link WorkspaceException}.
 *
 * <p>Changes made through {@link #writeText}, {@link #editText} and {@link #delete} are tracked
 * with the files' original content, for {@link #changedFiles()} and {@link #diff()}. So are the
 * changes that commands make ({@link #runTrackedCommand}): a {@link WorkspaceSnapshot} before and
 * after each command shows what it changed; changes to writable files are tracked like the tools'
 * (with their content from the snapshot before, when it was kept), changes to files the agent may
 * not change, which a child process can make anyway, are reported ({@link CommandChanges}). Changes
 * go to real paths only: a path that passes through a symbolic link is refused with the real path
 * named, so that the rules and the change list always see the file that really changes.
 *
 * <p>Thread-safe: the change-tracking operations are synchronized; commands run unsynchronized.
 */
public final class Sandbox {
    /** Lines longer than this are searched in their first this many characters only. */
    static final int MAX_SEARCHED_LINE_CHARS = 2_000;
    /** Files larger than this are skipped by search. */
    static final long MAX_SEARCHED_FILE_BYTES = 10L * 1024 * 1024;
    /** A matched line is shown up to this many characters. */
    static final int MAX_MATCH_TEXT_CHARS = 200;
    /** The most characters a regular expression may be. */
    static final int MAX_REGEX_CHARS = 1_000;
    /** The most characters one line's match may look at (see {@link StepBudget}). */
    static final long MAX_REGEX_STEPS_PER_LINE = 10_000_000;
    /** Originals (and current files) larger than this are kept as "changed" without their content. */
    static final long MAX_DIFFED_FILE_BYTES = 10L * 1024 * 1024;

    private final Workspace workspace;
    private final WorkspacePolicy policy;
    private final WorkspaceSnapshot.Limits snapshotLimits;
    private final Map<String, Original> originals = new TreeMap<>();
    /** The snapshot after the last command, the start of the next one's "before". */
    private WorkspaceSnapshot lastSnapshot;
    /** Files changed through the tools since {@link #lastSnapshot}: all that the next "before" must look at again. */
    private final Set<String> changedSinceSnapshot = new TreeSet<>();
    /** Every file a command changed in this run, with the first command that changed it. */
    private final Map<String, String> changedByCommands = new TreeMap<>();

    public Sandbox(Workspace workspace, WorkspacePolicy policy) {
        this(workspace, policy, WorkspaceSnapshot.Limits.DEFAULTS);
    }

    /** A sandbox whose commands are compared within these snapshot limits. */
    public Sandbox(Workspace workspace, WorkspacePolicy policy, WorkspaceSnapshot.Limits snapshotLimits) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.snapshotLimits = Objects.requireNonNull(snapshotLimits, "snapshotLimits");
    }

    public Workspace workspace() {
        return workspace;
    }

    public WorkspacePolicy policy() {
        return policy;
    }

    /**
     * The workspace as the agent may see it, for what is read on its behalf without the tools (the
     * context of its prompt): hidden files are not listed and cannot be read.
     */
    public Workspace visibleWorkspace() {
        return new VisibleWorkspace(workspace, policy);
    }

    /**
     * Regular files matching an Ant-style glob, sorted by path, without hidden ones and without
     * symbolic links to hidden ones. Directories that are hidden as a whole are not walked at all.
     *
     * @throws InvalidRequestException if the glob is refused (absolute, leaving the root, empty)
     */
    public List<WorkspaceFile> listFiles(String glob) {
        return visibleWorkspace().find(List.of(glob));
    }

    /** The whole text file (within {@link WorkspacePolicy#maxReadChars()}). */
    public FileExcerpt readText(String path) {
        return read(path, 1, Integer.MAX_VALUE, false);
    }

    /**
     * Lines {@code fromLine..toLine} (1-based, inclusive) of a text file, within
     * {@link WorkspacePolicy#maxReadChars()} as head + tail around a marker. A {@code toLine}
     * past the end means "to the end".
     *
     * @throws InvalidRequestException if the file does not exist, is hidden, is not UTF-8 text, or the
     *                                  range is invalid ({@code fromLine < 1}, {@code toLine < fromLine},
     *                                  {@code fromLine} past the last line)
     * @throws WorkspaceException       if the file cannot be read
     */
    public FileExcerpt readText(String path, int fromLine, int toLine) {
        if (fromLine < 1) {
            throw invalid("fromLine", "fromLine " + fromLine + " is invalid for '" + path + "'; accepted: line "
                    + "numbers from 1");
        }
        if (toLine < fromLine) {
            throw invalid("toLine", "toLine " + toLine + " is before fromLine " + fromLine + " for '" + path
                    + "'; accepted: fromLine <= toLine (both 1-based, inclusive)");
        }
        return read(path, fromLine, toLine, true);
    }

    private FileExcerpt read(String path, int fromLine, int toLine, boolean ranged) {
        String normalized = visibleFile(path);
        HeadTailBuffer text = new HeadTailBuffer(policy.maxReadChars());
        int totalLines;
        try (InputStream in = new BufferedInputStream(workspace.openRead(normalized), TextFiles.SNIFF_BYTES * 2)) {
            in.mark(TextFiles.SNIFF_BYTES + 1);
            byte[] head = in.readNBytes(TextFiles.SNIFF_BYTES);
            boolean complete = in.read() < 0;
            if (TextFiles.looksBinary(head, head.length, complete)) {
                throw invalid("path", TextFiles.notText(normalized));
            }
            in.reset();
            totalLines = copyLines(new InputStreamReader(in, StandardCharsets.UTF_8), fromLine, toLine, text);
        } catch (IOException e) {
            throw new WorkspaceException("could not read '" + normalized + "': " + e.getMessage(), e);
        }
        if (totalLines == 0 && ranged) {
            throw invalid("fromLine", "file '" + normalized + "' is empty; there are no lines " + fromLine + "-"
                    + toLine + " to read");
        }
        if (fromLine > Math.max(totalLines, 1)) {
            throw invalid("fromLine", "fromLine " + fromLine + " is past the end of '" + normalized + "', which has "
                    + totalLines + " line(s); accepted: 1.." + totalLines);
        }
        int lastLine = Math.min(toLine, totalLines);
        long truncated = Math.max(0, text.totalChars() - policy.maxReadChars());
        return new FileExcerpt(normalized, redact(text.toString()), fromLine, lastLine, totalLines, truncated);
    }

    /** Streams lines {@code from..to} with their line breaks into {@code out}; returns the number of lines. */
    private static int copyLines(Reader reader, int from, int to, HeadTailBuffer out) throws IOException {
        char[] buffer = new char[8192];
        int line = 1;
        char last = '\n';
        boolean any = false;
        int read;
        while ((read = reader.read(buffer)) >= 0) {
            if (read == 0) {
                continue;
            }
            int segment = -1;
            for (int i = 0; i < read; i++) {
                if (segment < 0 && line >= from && line <= to) {
                    segment = i;
                }
                if (buffer[i] == '\n') {
                    if (segment >= 0) {
                        out.append(buffer, segment, i + 1 - segment);
                        segment = -1;
                    }
                    line++;
                }
            }
            if (segment >= 0) {
                out.append(buffer, segment, read - segment);
            }
            any = true;
            last = buffer[read - 1];
        }
        if (!any) {
            return 0;
        }
        return last == '\n' ? line - 1 : line;
    }

    /**
     * Lines matching a Java regular expression in the text files matching a glob, in path and
     * line order. Binary, non-UTF-8 and very large files are skipped; long lines are searched in
     * their first {@value #MAX_SEARCHED_LINE_CHARS} characters; a pattern that backtracks
     * catastrophically is stopped with an error instead of running for minutes. One call of the port, where the
     * files are; the lines found are masked when they come back.
     *
     * @param glob       Ant-style; null means {@code **}
     * @param maxResults the most matches returned (at least 1)
     * @throws InvalidRequestException if the pattern is invalid or too expensive, or the glob is refused
     */
    public SearchResult search(String regex, String glob, int maxResults) {
        if (regex == null || regex.isEmpty()) {
            throw invalid("pattern", "search pattern is empty; accepted: a Java regular expression such as "
                    + "'class \\w+Test'");
        }
        if (regex.length() > MAX_REGEX_CHARS) {
            throw invalid("pattern", "search pattern is " + regex.length() + " characters long; accepted: at most "
                    + MAX_REGEX_CHARS);
        }
        if (maxResults < 1) {
            throw invalid("maxResults", "maxResults " + maxResults + " is invalid; accepted: 1 or more");
        }
        compile(regex); // refused here, before anything crosses to where the files are
        SearchResult found = visibleWorkspace().call(new SearchTask(regex, glob == null || glob.isBlank() ? "**" : glob,
                maxResults));
        // masked here, where the secret values are: they never travel with the task
        List<SearchMatch> matches = new ArrayList<>(found.matches().size());
        for (SearchMatch match : found.matches()) {
            matches.add(new SearchMatch(match.path(), match.line(), redact(match.text())));
        }
        return new SearchResult(matches, found.limitReached(), found.filesSearched(), found.filesSkipped());
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid("pattern", "search pattern '" + regex + "' is not a valid Java regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                    + "; accepted: a Java regular expression such as 'class \\w+Test' (escape ( [ { . * + ? with \\)",
                    e);
        }
    }

    /**
     * The search as one call where the files are, against the agent's view of the workspace (hidden files and
     * links to them are neither listed nor read): the lines as they are, masked by the caller.
     */
    private record SearchTask(String regex, String glob, int maxResults) implements WorkspaceTask<SearchResult> {
        @Override
        public SearchResult run(Workspace local) {
            Pattern pattern = compile(regex);
            List<SearchMatch> matches = new ArrayList<>();
            int searched = 0;
            int skipped = 0;
            StepBudget budget = new StepBudget(MAX_REGEX_STEPS_PER_LINE);
            for (WorkspaceFile file : local.find(List.of(glob))) {
                if (file.size() > MAX_SEARCHED_FILE_BYTES) {
                    skipped++;
                    continue;
                }
                boolean text;
                try {
                    text = searchFile(local, file.path(), pattern, budget, matches, maxResults + 1);
                } catch (StepBudget.Exhausted e) {
                    throw invalid("pattern", "search pattern '" + regex + "' is too expensive: matching it against a "
                            + "line of '" + file.path() + "' took more than " + budget.steps() + " steps (catastrophic "
                            + "backtracking); accepted: a simpler pattern, e.g. without nested repetition like (a+)+");
                }
                if (text) {
                    searched++;
                } else {
                    skipped++;
                }
                if (matches.size() > maxResults) {
                    return new SearchResult(matches.subList(0, maxResults), true, searched, skipped);
                }
            }
            return new SearchResult(matches, false, searched, skipped);
        }
    }

    /**
     * Adds the file's matching lines until {@code limit} matches in all; false if it is not text. {@code local} is
     * the agent's view: a link to a hidden file cannot be read through it, and so is not searched.
     */
    private static boolean searchFile(Workspace local, String path, Pattern pattern, StepBudget budget,
                                      List<SearchMatch> matches, int limit) {
        try (InputStream in = new BufferedInputStream(local.openRead(path), TextFiles.SNIFF_BYTES * 2)) {
            in.mark(TextFiles.SNIFF_BYTES + 1);
            byte[] head = in.readNBytes(TextFiles.SNIFF_BYTES);
            boolean complete = in.read() < 0;
            if (TextFiles.looksBinary(head, head.length, complete)) {
                return false;
            }
            in.reset();
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder();
            long lineLength = 0;
            int lineNumber = 1;
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        match(path, lineNumber, line, lineLength, pattern, budget, matches);
                        if (matches.size() >= limit) {
                            return true;
                        }
                        line.setLength(0);
                        lineLength = 0;
                        lineNumber++;
                    } else {
                        if (line.length() < MAX_SEARCHED_LINE_CHARS) {
                            line.append(c);
                        }
                        lineLength++;
                    }
                }
            }
            if (lineLength > 0) {
                match(path, lineNumber, line, lineLength, pattern, budget, matches);
            }
            return true;
        } catch (IOException | InvalidRequestException | WorkspaceException e) {
            return false; // vanished or unreadable since it was listed: not searched
        }
    }

    private static void match(String path, int lineNumber, StringBuilder line, long lineLength, Pattern pattern,
                              StepBudget budget, List<SearchMatch> matches) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        String text = line.substring(0, end);
        budget.reset();
        Matcher matcher = pattern.matcher(budget.meter(text));
        if (matcher.find()) {
            String shown = text.length() > MAX_MATCH_TEXT_CHARS ? text.substring(0, MAX_MATCH_TEXT_CHARS)
                    + " [... " + (lineLength - MAX_MATCH_TEXT_CHARS) + " chars truncated ...]" : text;
            matches.add(new SearchMatch(path, lineNumber, shown));
        }
    }

    /**
     * Creates or replaces a text file (UTF-8), atomically.
     *
     * @return CREATED when the file did not exist, otherwise MODIFIED
     * @throws PolicyViolation         if the path is hidden, read-only, not writable, goes through a
     *                                  symbolic link, or the content is larger than
     *                                  {@link WorkspacePolicy#maxWriteBytes()}
     * @throws InvalidRequestException if the path is refused
     * @throws WorkspaceException       if the write fails (the file is then as it was)
     */
    public synchronized FileChange.Kind writeText(String path, String content) {
        if (content == null) {
            throw invalid("content", "content for '" + path + "' is missing; accepted: the file's whole new "
                    + "text (may be empty)");
        }
        String normalized = changeablePath(path);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        checkSize(normalized, bytes.length);
        WorkspaceFile existing = workspace.stat(normalized);
        if (existing != null && existing.directory()) {
            throw invalid("path", "path '" + normalized + "' is a directory; accepted: a file path");
        }
        remember(normalized);
        workspace.write(normalized, bytes);
        changedSinceSnapshot.add(normalized);
        return existing != null ? FileChange.Kind.MODIFIED : FileChange.Kind.CREATED;
    }

    /**
     * Replaces the one occurrence of {@code search} in a text file by {@code replace}. In a file
     * with CRLF line breaks, LF line breaks in both are taken as CRLF.
     *
     * @throws InvalidRequestException if {@code search} occurs zero or several times (the message says
     *                                  how many), the file does not exist or is not text, or a rule of
     *                                  the policy refuses the change; nothing is changed then
     */
    public synchronized void editText(String path, String search, String replace) {
        if (search == null || search.isEmpty()) {
            throw invalid("search", "search text for '" + path + "' is empty; accepted: the exact text to "
                    + "replace, copied from the file, occurring exactly once");
        }
        if (replace == null) {
            throw invalid("replace", "replacement text for '" + path + "' is missing; accepted: the new text "
                    + "(empty to delete the search text)");
        }
        String normalized = changeablePath(path);
        WorkspaceFile file = existingFile(normalized, "edit");
        if (file.size() > policy.maxWriteBytes()) {
            throw new PolicyViolation("path", "file '" + normalized + "' is " + file.size() + " bytes, larger than the "
                    + policy.maxWriteBytes() + " bytes (maxWriteBytes) the agent may write; nothing was changed");
        }
        String text = TextFiles.decodeOrNull(readBytes(normalized, policy.maxWriteBytes()));
        if (text == null) {
            throw invalid("path", TextFiles.notText(normalized) + "; nothing was changed");
        }
        if (text.contains("\r\n") && search.indexOf('\r') < 0) {
            search = search.replace("\n", "\r\n");
            replace = replace.replace("\r\n", "\n").replace("\n", "\r\n");
        }
        int first = text.indexOf(search);
        if (first < 0) {
            throw invalid("search", "search text was not found in '" + normalized + "'; nothing was changed. "
                    + "It must match the file exactly once, including whitespace, indentation and line breaks: read "
                    + "the file again and copy the text exactly");
        }
        int count = 1;
        for (int at = text.indexOf(search, first + 1); at >= 0; at = text.indexOf(search, at + 1)) {
            count++;
        }
        if (count > 1) {
            throw invalid("search", "search text occurs " + count + " times in '" + normalized + "'; it must "
                    + "occur exactly once; nothing was changed. Include more of the surrounding lines in the search "
                    + "text so that it is unique");
        }
        byte[] bytes = (text.substring(0, first) + replace + text.substring(first + search.length()))
                .getBytes(StandardCharsets.UTF_8);
        checkSize(normalized, bytes.length);
        remember(normalized);
        workspace.write(normalized, bytes);
        changedSinceSnapshot.add(normalized);
    }

    /**
     * Deletes a file.
     *
     * @throws InvalidRequestException if the file does not exist, is a directory, or a rule of the
     *                                  policy refuses the change
     */
    public synchronized void delete(String path) {
        String normalized = changeablePath(path);
        existingFile(normalized, "delete");
        remember(normalized);
        workspace.delete(normalized);
        changedSinceSnapshot.add(normalized);
    }

    /**
     * Runs an allowed command in the root, with the scrubbed environment, the policy's timeout
     * and output cap; registered secret values are redacted from its output. What it changes is
     * tracked as by {@link #runTrackedCommand}.
     *
     * @throws PolicyViolation if the command is not allowed (nothing is run)
     */
    public CommandResult runCommand(String command) {
        return runCommand(command, line -> { });
    }

    /** {@link #runCommand(String)}, passing each (redacted) output line to {@code outputLines} as it comes. */
    public CommandResult runCommand(String command, Consumer<String> outputLines) {
        return runTrackedCommand(command, outputLines).result();
    }

    /**
     * {@link #runCommand(String, Consumer)}, and what the command changed: a snapshot before and after
     * it is compared. Changes to writable files are tracked from then on like changes through the
     * file tools (in {@link #changedFiles()} and {@link #diff()}); changes to read-only, not writable
     * or hidden files stay in the workspace (a child process cannot be stopped from writing) and are
     * returned, so that they can be reported.
     *
     * @throws PolicyViolation if the command is not allowed (nothing is run)
     */
    public CommandRun runTrackedCommand(String command, Consumer<String> outputLines) {
        return runTrackedCommand(command, null, outputLines);
    }

    /**
     * {@link #runTrackedCommand(String, Consumer)} with the command's timeout cut to {@code timeLeft}
     * when that is shorter than the policy's {@code commandTimeout} (null: no cut): what a caller with
     * a wall-time limit of its own has left.
     */
    public CommandRun runTrackedCommand(String command, Duration timeLeft, Consumer<String> outputLines) {
        String prefix = policy.checkCommand(command);
        checkFilesUnchanged(command, prefix);
        Duration timeout = timeLeft != null && timeLeft.compareTo(policy.commandTimeout()) < 0
                ? timeLeft : policy.commandTimeout();
        WorkspaceSnapshot before;
        synchronized (this) {
            // Between commands only the tools changed files (they run one at a time), so the last snapshot
            // with those files looked at again is the state before this command: no second walk needed.
            before = lastSnapshot == null ? snapshot(null).take()
                    : snapshot(lastSnapshot).refresh(changedSinceSnapshot);
            // Should the snapshot after the command fail, the next command starts from this one, so the
            // tools' edits above are never taken for that command's.
            lastSnapshot = before;
            changedSinceSnapshot.clear();
        }
        EnvironmentPolicy environment = policy.environment();
        // the names the policy drops go as removals: the agent's commands start from the workspace's environment
        CommandRequest request = environment.commandRequest(command, workspace.environment(), Map.of(), timeout,
                policy.maxOutputChars());
        CommandResult result;
        try {
            result = workspace.run(request, line -> outputLines.accept(environment.redact(line)));
        } catch (RuntimeException e) {
            synchronized (this) {
                // killed (interrupted): what it changed until then is still part of the run
                try {
                    WorkspaceSnapshot after = snapshot(before).take();
                    lastSnapshot = after;
                    track(command, before, after);
                } catch (RuntimeException snapshotFailure) {
                    e.addSuppressed(snapshotFailure); // the command's own failure is what the caller must see
                }
            }
            throw e;
        }
        CommandResult redacted = new CommandResult(result.command(), result.exitCode(), result.timedOut(),
                result.startedAt(), result.duration(), environment.redact(result.output()));
        synchronized (this) {
            WorkspaceSnapshot after;
            try {
                after = snapshot(before).take();
            } catch (InvalidRequestException | WorkspaceException e) {
                // the command ran: keep its result; what it changed is compared after the next command
                return new CommandRun(redacted, new CommandChanges(List.of(), List.of(), List.of(), List.of(
                        "the workspace could not be compared after the command (" + e.getMessage() + "); what it "
                                + "changed will be compared, and reported, after the next command")));
            }
            lastSnapshot = after;
            return new CommandRun(redacted, track(command, before, after));
        }
    }

    private WorkspaceSnapshot.Builder snapshot(WorkspaceSnapshot previous) {
        // Content is kept only where a command's change would be tracked and diffed.
        return WorkspaceSnapshot.builder(workspace).limits(snapshotLimits).policy(policy).reusing(previous)
                .keepContent(policy.pathRules());
    }

    /** Sorts what a command changed by what the agent may do, and tracks the changes to writable files. */
    private CommandChanges track(String command, WorkspaceSnapshot before, WorkspaceSnapshot after) {
        List<FileChange> tracked = new ArrayList<>();
        List<FileChange> notWritable = new ArrayList<>();
        List<FileChange> hidden = new ArrayList<>();
        for (FileChange change : after.changesSince(before)) {
            String path = change.path();
            changedByCommands.putIfAbsent(path, command);
            WorkspaceSnapshot.Entry then = before.entry(path).orElse(null);
            WorkspaceSnapshot.Entry now = after.entry(path).orElse(null);
            if (then != null && now != null && then.link() && now.link()) {
                continue; // still a link: what changed is its target, compared under the target's own path
            }
            if (policy.isHidden(path)) {
                hidden.add(change);
            } else if (policy.isWritable(path)) {
                rememberFromSnapshot(command, path, then);
                tracked.add(change);
            } else {
                notWritable.add(change);
            }
        }
        List<String> notes = new ArrayList<>(before.notes());
        after.notes().stream().filter(note -> !notes.contains(note)).forEach(notes::add);
        return new CommandChanges(tracked, notWritable, hidden, notes);
    }

    /** Like {@link #remember}, but with the content the snapshot before the command kept. */
    private void rememberFromSnapshot(String command, String path, WorkspaceSnapshot.Entry before) {
        if (originals.containsKey(path)) {
            return;
        }
        if (before == null) {
            originals.put(path, Original.ABSENT);
        } else if (before.link()) {
            // its bytes were its target's, which may be a file the agent may not see
            originals.put(path, Original.notKept(null, before.executable(), "it was a symbolic link before the "
                    + "command '" + command + "' changed it; a link's target is not shown under the link's name"));
        } else if (before.kept()) {
            originals.put(path, Original.of(before.contentBytes(), before.executable()));
        } else {
            String why = before.size() > snapshotLimits.maxHashedFileBytes()
                    ? "it was larger than " + snapshotLimits.maxHashedFileBytes() + " bytes"
                    : "the snapshot's limits were reached";
            originals.put(path, Original.notKept(before.sha256Bytes(), before.executable(), "its content before the "
                    + "command '" + command + "' changed it was not kept: " + why));
        }
    }

    /** The files changed through this sandbox, compared with their originals now, sorted by path. */
    public synchronized List<FileChange> changedFiles() {
        return changedFiles(current());
    }

    private List<FileChange> changedFiles(Map<String, Current> now) {
        List<FileChange> changes = new ArrayList<>();
        for (Map.Entry<String, Original> entry : originals.entrySet()) {
            FileChange.Kind kind = compare(entry.getValue(), now.get(entry.getKey()));
            if (kind != null) {
                changes.add(new FileChange(entry.getKey(), kind));
            }
        }
        return changes;
    }

    /**
     * The tracked files as they are now, read in one call where the files are (a build agent) instead of a stat and a
     * read per file: what {@link #changedFiles()} and {@link #diff()} compare with the originals.
     */
    private Map<String, Current> current() {
        return originals.isEmpty() ? Map.of()
                : workspace.call(new ReadCurrent(new ArrayList<>(originals.keySet()), MAX_DIFFED_FILE_BYTES));
    }

    /**
     * A tracked file now: what {@code stat} says (null when nothing is there), whether the path was refused (it leads
     * outside now), and up to {@code max + 1} bytes of a regular file (null when unreadable).
     */
    record Current(WorkspaceFile file, boolean refused, byte[] bytes) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The bytes, or null when the file is larger than {@link #MAX_DIFFED_FILE_BYTES} or unreadable. */
        byte[] content() {
            return bytes == null || bytes.length > MAX_DIFFED_FILE_BYTES ? null : bytes;
        }

        boolean link() {
            return file != null && file.link();
        }

        boolean executable() {
            return file != null && file.executable();
        }
    }

    /** Reads the tracked files as they are now, where they are. */
    record ReadCurrent(ArrayList<String> paths, long maxBytes) implements WorkspaceTask<java.util.HashMap<String, Current>> {
        @Override
        public java.util.HashMap<String, Current> run(Workspace local) {
            java.util.HashMap<String, Current> now = new java.util.HashMap<>();
            for (String path : paths) {
                WorkspaceFile file;
                try {
                    file = local.stat(path);
                } catch (InvalidRequestException | WorkspaceException e) {
                    now.put(path, new Current(null, true, null));
                    continue;
                }
                byte[] bytes = null;
                if (file != null && !file.directory()) {
                    try (InputStream in = local.openRead(path)) {
                        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                    } catch (IOException | InvalidRequestException | WorkspaceException e) {
                        bytes = null;
                    }
                }
                now.put(path, new Current(file, false, bytes));
            }
            return now;
        }
    }

    /**
     * Tracks the files {@code later} changed as well, for a caller that keeps the changes of several
     * sandboxes used one after the other on this workspace (the refine loop, one agent run per
     * iteration): a file this sandbox tracks already keeps its older original, any other gets the one
     * {@code later} kept, from before {@code later} first changed it. {@link #changedFiles()} and
     * {@link #diff()} then compare with the state before the first of them.
     */
    public void include(Sandbox later) {
        Map<String, Original> theirs;
        synchronized (later) {
            theirs = new TreeMap<>(later.originals);
        }
        synchronized (this) {
            theirs.forEach(originals::putIfAbsent);
        }
    }

    /**
     * A unified diff of {@link #changedFiles()} against their originals, in git's form (see
     * {@link UnifiedDiff}); a binary or very large file, or one whose original was not kept, gets
     * an entry {@code git apply} refuses and a note why instead of hunks. Empty when nothing changed.
     */
    public synchronized String diff() {
        StringBuilder diff = new StringBuilder();
        Map<String, Current> current = current();
        for (FileChange change : changedFiles(current)) {
            String path = change.path();
            Original original = originals.get(path);
            Current now = current.get(path);
            boolean wasExecutable = original.executable();
            boolean isExecutable = change.kind() != FileChange.Kind.DELETED && now.executable();
            if (original.notKeptReason() != null) {
                diff.append(UnifiedDiff.notShown(path, change.kind(), original.notKeptReason(), wasExecutable,
                        isExecutable));
                continue;
            }
            if (change.kind() != FileChange.Kind.DELETED && now.link()) {
                diff.append(UnifiedDiff.notShown(path, change.kind(), "it is now a symbolic link; a link's "
                        + "target is not shown under the link's name", wasExecutable, isExecutable));
                continue;
            }
            byte[] bytes = change.kind() == FileChange.Kind.DELETED ? null : now.content();
            if (original.tooLarge() || (change.kind() != FileChange.Kind.DELETED && bytes == null)) {
                diff.append(UnifiedDiff.notShown(path, change.kind(), original.tooLarge()
                        ? "too large to show" : "its content now cannot be read (too large, or no longer a file)",
                        wasExecutable, isExecutable));
                continue;
            }
            String before = original.existed() ? TextFiles.decodeOrNull(original.content()) : null;
            String after = bytes == null ? null : TextFiles.decodeOrNull(bytes);
            if ((original.existed() && before == null) || (bytes != null && after == null)) {
                diff.append(UnifiedDiff.notShown(path, change.kind(), "not UTF-8 text", wasExecutable, isExecutable));
                continue;
            }
            diff.append(redact(UnifiedDiff.of(path, before, after, wasExecutable, isExecutable)));
        }
        return diff.toString();
    }

    private FileChange.Kind compare(Original original, Current current) {
        if (current.refused()) {
            return FileChange.Kind.MODIFIED; // a command replaced it by something we may not follow
        }
        WorkspaceFile now = current.file();
        if (now == null || now.directory()) {
            return original.existed() ? FileChange.Kind.DELETED : null;
        }
        if (!original.existed()) {
            return FileChange.Kind.CREATED;
        }
        if (original.tooLarge() || (now.link() && original.content() != null)
                || now.executable() != original.executable()) {
            // a regular file that became a link changed, whatever its target holds; so did one whose mode changed
            return FileChange.Kind.MODIFIED;
        }
        byte[] bytes = current.content();
        if (original.content() == null) {
            // kept by hash only (or not even that): unchanged only if the hash says so
            return bytes != null && original.sha256() != null && Arrays.equals(sha256(bytes), original.sha256())
                    ? null : FileChange.Kind.MODIFIED;
        }
        return bytes != null && Arrays.equals(bytes, original.content()) ? null : FileChange.Kind.MODIFIED;
    }

    private void remember(String path) {
        if (originals.containsKey(path)) {
            return;
        }
        WorkspaceFile file = workspace.stat(path);
        if (file == null) {
            originals.put(path, Original.ABSENT);
            return;
        }
        byte[] bytes = readBytes(path, MAX_DIFFED_FILE_BYTES);
        boolean executable = file.executable();
        originals.put(path, bytes.length > MAX_DIFFED_FILE_BYTES ? Original.tooLarge(executable)
                : Original.of(bytes, executable));
    }

    /** Up to {@code max + 1} bytes, so a caller can tell that the file is larger than {@code max}. */
    private byte[] readBytes(String path, long max) {
        try (InputStream in = workspace.openRead(path)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new WorkspaceException("could not read '" + path + "': " + e.getMessage(), e);
        }
    }

    /** Normalises a path and refuses it unless the agent may change it; returns the normalised path. */
    private String changeablePath(String path) {
        String normalized = WorkspacePaths.normalize(path);
        if (normalized.isEmpty()) {
            throw invalid("path", "path '" + path + "' names the workspace root; accepted: a file path "
                    + "relative to the root, such as 'src/Main.java'");
        }
        policy.checkVisible(normalized);
        policy.checkWritable(normalized);
        String real = workspace.realPath(normalized);
        if (!real.equals(normalized)) {
            throw new PolicyViolation("path", "path '" + normalized + "' is the file '" + real + "' on disk "
                    + "(through a symbolic link or a different letter case); nothing was changed. Accepted: change '"
                    + real + "' itself, if it is writable");
        }
        checkNotRunThroughALink(normalized);
        return normalized;
    }

    /**
     * Refuses a command whose files were changed in this run: the files its allowed prefix names and
     * the file it runs ({@link CommandFiles}). Changed means by a command, or by the tools when the file
     * now differs from what it was (put back as it was, it may run again).
     */
    private synchronized void checkFilesUnchanged(String command, String prefix) {
        OperatingSystem system = workspace.operatingSystem();
        List<String> files = new ArrayList<>(CommandFiles.namedBy(prefix, system));
        CommandFiles.program(command, system).filter(file -> !files.contains(file)).ifPresent(files::add);
        for (String file : files) {
            for (String path : pathsOf(file)) {
                String by = changedBy(path);
                if (by != null) {
                    String real = path.equals(file) ? "" : policy.isHidden(path) ? " (a hidden file)"
                            : " (the file '" + path + "')";
                    throw new PolicyViolation("command", "command '" + command + "' runs '" + file + "'" + real
                            + ", which " + by + " in this run; nothing was run. A command may not run a file "
                            + "changed in this run: that could run anything. Accepted: commands whose files are as "
                            + "they were when the run started" + (by.startsWith("you") ? " (put '"
                            + (real.isEmpty() || policy.isHidden(path) ? file : path) + "' back as it was to run it)"
                            : ""));
                }
            }
        }
    }

    /** The paths a command file stands for: its own and where links lead; for a glob, its matches among the changed. */
    private List<String> pathsOf(String file) {
        List<String> paths = new ArrayList<>();
        if (file.indexOf('*') >= 0 || file.indexOf('?') >= 0) {
            Glob glob = Glob.of(file, false);
            originals.keySet().stream().filter(glob::matches).forEach(paths::add);
            changedByCommands.keySet().stream().filter(glob::matches).filter(p -> !paths.contains(p))
                    .forEach(paths::add);
            return paths;
        }
        paths.add(file);
        try {
            String real = workspace.realPath(file);
            if (!real.equals(file)) {
                paths.add(real);
            }
        } catch (InvalidRequestException | WorkspaceException e) {
            // leads outside or dangles: the path itself is all there is to compare
        }
        return paths;
    }

    /** Who changed the file in this run ("you changed", "the command 'x' changed"), null if it is as it was. */
    private String changedBy(String path) {
        String command = changedByCommands.get(path);
        Original original = originals.get(path);
        if (original != null) {
            FileChange.Kind kind = compare(original, workspace.call(new ReadCurrent(
                    new ArrayList<>(List.of(path)), MAX_DIFFED_FILE_BYTES)).get(path));
            if (kind == null) {
                return null; // tracked, and as it was: put back by the tools or a command
            }
            return command != null ? "the command '" + command + "' changed" : switch (kind) {
                case CREATED -> "you created";
                case MODIFIED -> "you changed";
                case DELETED -> "you deleted";
            };
        }
        return command == null ? null : "the command '" + command + "' changed";
    }

    /**
     * Refuses a change to the real file behind a symbolic link that an allowed command names: the
     * command would run it through the link.
     */
    private void checkNotRunThroughALink(String normalized) {
        for (Map.Entry<String, String> file : policy.commandFiles().entrySet()) {
            String named = file.getKey();
            if (named.indexOf('*') >= 0 || named.indexOf('?') >= 0) {
                continue;
            }
            String real;
            try {
                real = workspace.realPath(named);
            } catch (InvalidRequestException | WorkspaceException e) {
                continue;
            }
            if (!real.equals(named) && real.equals(normalized)) {
                throw new PolicyViolation("path", "path '" + normalized + "' is read-only: the allowed command '"
                        + file.getValue() + "' runs it through the symbolic link '" + named + "', and what an allowed "
                        + "command runs may not be changed; nothing was changed");
            }
        }
    }

    /** Normalises a path and refuses it when hidden; returns the normalised path. */
    private String visibleFile(String path) {
        String normalized = WorkspacePaths.normalize(path);
        policy.checkVisible(normalized);
        String real = workspace.realPath(normalized);
        if (!real.equals(normalized)) {
            policy.checkVisible(real);
        }
        WorkspaceFile file = workspace.stat(normalized);
        if (file == null) {
            throw invalid("path", "file '" + normalized + "' does not exist; accepted: an existing file "
                    + "relative to the workspace root (list files to find it)");
        }
        if (file.directory()) {
            throw invalid("path", "path '" + normalized + "' is a directory; accepted: a file (list '"
                    + (normalized.isEmpty() ? "" : normalized + "/") + "**' to see its files)");
        }
        return normalized;
    }

    private WorkspaceFile existingFile(String normalized, String action) {
        WorkspaceFile file = workspace.stat(normalized);
        if (file == null) {
            throw invalid("path", "file '" + normalized + "' does not exist, so there is nothing to " + action
                    + (action.equals("edit") ? "; to create it, write the whole file" : ""));
        }
        if (file.directory()) {
            throw invalid("path", "path '" + normalized + "' is a directory; accepted: a file (the agent "
                    + "does not " + action + " directories)");
        }
        return file;
    }

    private void checkSize(String path, long bytes) {
        if (bytes > policy.maxWriteBytes()) {
            throw new PolicyViolation("content", "content for '" + path + "' is " + bytes + " bytes; accepted: at most "
                    + policy.maxWriteBytes() + " bytes (maxWriteBytes); nothing was changed");
        }
    }

    /** Bad input to one of the tools' operations, naming the argument; the model reads the message. */
    private static InvalidRequestException invalid(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    /** Bad input that a caught exception explains. */
    private static InvalidRequestException invalid(String parameter, String message, Throwable cause) {
        return new InvalidRequestException(parameter, message, cause);
    }

    private String redact(String text) {
        return policy.environment().redact(text);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * A file's content and executable bit before the agent (or a command it ran) first changed it.
     * When a command changed it and its content was not kept, only its hash (if any) and why are known.
     */
    private record Original(boolean existed, byte[] content, boolean tooLarge, byte[] sha256, String notKeptReason,
                            boolean executable) {
        static final Original ABSENT = new Original(false, null, false, null, null, false);

        static Original of(byte[] content, boolean executable) {
            return new Original(true, content, false, null, null, executable);
        }

        static Original tooLarge(boolean executable) {
            return new Original(true, null, true, null, null, executable);
        }

        static Original notKept(byte[] sha256, boolean executable, String why) {
            return new Original(true, null, false, sha256, why, executable);
        }
    }
}
