package io.jenkins.plugins.aiworkflow.engine.context;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.sandbox.CommandFiles;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Assembles the prompt of an agent run from a {@link ContextRequest} and the workspace's files,
 * within the request's token budget.
 *
 * <p>Priorities, highest first: the rules and the intent (always; if they alone exceed the
 * budget the build fails); the feedback (within its own reserve); the instruction files in
 * order; the context files in path order; the repository map. A part that does not fit is cut
 * (head and tail with a marker) to what remains, or left out when less than
 * {@link #MIN_FILE_TOKENS} remain; every cut and omission is reported in
 * {@link AssembledContext#notes()} and, for files, named in the prompt itself.
 *
 * <p>The system prompt's budget is the whole budget minus a reserve for the first user message
 * (the intent's tokens plus {@link ContextRequest#maxFeedbackTokens()}), so it never depends on
 * the feedback: see {@link AssembledContext}.
 */
public final class ContextBuilder {
    /** A file is cut to what remains of the budget only if at least this many tokens remain. */
    public static final int MIN_FILE_TOKENS = 100;
    /** The omitted-files list names at most this many files, then counts the rest. */
    static final int MAX_OMITTED_LINES = 30;
    /** Below this the repository map is left out without listing the workspace. */
    static final int MIN_MAP_TOKENS = 64;
    /** The fence id's token count varies with the text; budgets leave this margin for it. */
    private static final int ID_MARGIN_TOKENS = 8;

    private final ContextRequest request;
    private final Workspace workspace;
    private final TokenCounter counter;
    private final UnaryOperator<String> secrets;

    private ContextBuilder(ContextRequest request, Workspace workspace, TokenCounter counter,
                           UnaryOperator<String> secrets) {
        this.request = request;
        this.workspace = workspace;
        this.counter = counter;
        this.secrets = java.util.Objects.requireNonNull(secrets, "secrets");
    }

    /** Builds the context with the tokenizer of {@link ContextRequest#modelName()}. */
    public static AssembledContext build(ContextRequest request, Workspace workspace) {
        return build(request, workspace, TokenCounter.forModel(request.modelName()));
    }

    /**
     * Builds the context with the given tokenizer.
     *
     * @throws InvalidRequestException naming {@code tokenBudget}, if the rules and the intent alone exceed it
     */
    public static AssembledContext build(ContextRequest request, Workspace workspace, TokenCounter counter) {
        return new ContextBuilder(request, workspace, counter, UnaryOperator.identity()).assemble();
    }

    /**
     * Builds the context with the tokenizer of {@link ContextRequest#modelName()}, every registered
     * secret masked by {@code secrets} in the intent, the feedback and each file's text before anything
     * is counted or cut: a cut could split a secret and leave a part no later masking recognises.
     *
     * @throws InvalidRequestException naming {@code tokenBudget}, if the rules and the intent alone exceed it
     */
    public static AssembledContext build(ContextRequest request, Workspace workspace, UnaryOperator<String> secrets) {
        return new ContextBuilder(request, workspace, TokenCounter.forModel(request.modelName()), secrets).assemble();
    }

    /**
     * Tokens the feedback's own text may take so that {@link #build} puts it into the prompt whole: the request's
     * {@link ContextRequest#maxFeedbackTokens()} less the feedback's heading, its fence and a margin for the
     * fence's id. The refine loop builds its feedback within this many tokens of {@code counter} (the tokenizer of
     * the request's model). Holds while the rules leave the whole reserve to the first user message, as with any
     * budget the rules do not nearly fill; a longer feedback is cut (head and tail) to its reserve.
     */
    public static int feedbackTextTokens(ContextRequest request, TokenCounter counter) {
        String sample = "x\n";
        int fence = counter.count(UntrustedData.fence(PromptText.KIND_FEEDBACK, null, sample) + "\n")
                - counter.count(sample);
        int overhead = counter.count(PromptText.feedbackIntroduction()) + fence + ID_MARGIN_TOKENS;
        return Math.max(0, request.maxFeedbackTokens() - overhead);
    }

    /** A file asked for, and what became of it. */
    private static final class FilePart {
        final ContextSection.Kind kind;
        final String path;
        String text;
        ContextNote.Kind problem;
        String detail;
        String rendered;
        int tokens;
        long droppedChars;
        boolean cutForBudget;

        FilePart(ContextSection.Kind kind, String path) {
            this.kind = kind;
            this.path = path;
        }

        boolean included() {
            return rendered != null;
        }

        void omit(ContextNote.Kind why, String message) {
            problem = why;
            detail = message;
            rendered = null;
            tokens = 0;
        }
    }

    /**
     * The files allowed commands name ({@link CommandFiles}) that the workspace holds: read-only to the
     * agent, so the rules say so. Only existing ones: a word such as "test" of "mvn test" names a file
     * only in theory.
     */
    private List<String> commandFiles() {
        List<String> existing = new ArrayList<>();
        for (String command : request.allowedCommands()) {
            for (String file : CommandFiles.namedBy(command)) {
                if (!existing.contains(file) && exists(file)) {
                    existing.add(file);
                }
            }
        }
        return existing;
    }

    private boolean exists(String file) {
        try {
            if (file.indexOf('*') >= 0 || file.indexOf('?') >= 0) {
                return !workspace.find(List.of(file)).isEmpty();
            }
            WorkspaceFile found = workspace.stat(file);
            return found != null && !found.directory();
        } catch (InvalidRequestException | WorkspaceException e) {
            return false; // leads outside the workspace: not one of its files
        }
    }

    private AssembledContext assemble() {
        List<ContextNote> notes = new ArrayList<>();
        if (counter.isEstimate()) {
            notes.add(new ContextNote(ContextNote.Kind.TOKENS_ESTIMATED, ContextSection.Kind.RULES, null,
                    (request.modelName() == null ? "no model named" : "model '" + request.modelName()
                            + "' has no known tokenizer") + "; token counts are estimates: " + counter.name()));
        }

        // the rules and the intent always go in
        String rules = PromptText.rules(request.writableGlobs(), request.allowedCommands(), commandFiles(),
                request.testSourceGlobs());
        int rulesTokens = counter.count(rules);
        String intent = PromptText.intent(secrets.apply(request.intent()));
        int intentTokens = counter.count(intent);
        int budget = request.tokenBudget();
        if (rulesTokens + intentTokens > budget) {
            throw new InvalidRequestException("tokenBudget", String.format(Locale.ROOT, "tokenBudget %,d is too "
                    + "small: the rules (%,d tokens) and the intent (%,d tokens) alone need %,d (tokenizer %s); "
                    + "accepted: a tokenBudget of at least %,d, or a shorter intent", budget, rulesTokens, intentTokens,
                    rulesTokens + intentTokens, counter.name(), rulesTokens + intentTokens), null);
        }
        // the reserve depends on the intent and the cap, never on the feedback, so the prefix does not either
        int userReserve = Math.min(intentTokens + request.maxFeedbackTokens(), budget - rulesTokens);
        int prefixBudget = budget - userReserve;

        // the first user message
        List<ContextSection> userSections = new ArrayList<>();
        userSections.add(new ContextSection(ContextSection.Kind.INTENT, null, intentTokens, false));
        String userMessage = intent;
        List<ContextNote> feedbackNotes = new ArrayList<>();
        if (request.feedback() != null) {
            String introduction = PromptText.feedbackIntroduction();
            int allowance = userReserve - intentTokens - counter.count(introduction);
            String feedbackText = secrets.apply(request.feedback());
            Fenced feedback = fitFenced(PromptText.KIND_FEEDBACK, null, feedbackText, allowance);
            while (feedback != null && counter.count(intent + introduction + feedback.text) > userReserve) {
                allowance -= Math.max(1, counter.count(intent + introduction + feedback.text) - userReserve);
                feedback = fitFenced(PromptText.KIND_FEEDBACK, null, feedbackText, allowance);
            }
            if (feedback == null) {
                feedbackNotes.add(new ContextNote(ContextNote.Kind.OMITTED_FOR_BUDGET, ContextSection.Kind.FEEDBACK,
                        null, String.format(Locale.ROOT, "feedback left out: only %,d tokens are left for it "
                                + "(maxFeedbackTokens %,d, tokenBudget %,d)", Math.max(0, userReserve - intentTokens),
                                request.maxFeedbackTokens(), budget)));
            } else {
                userMessage = intent + introduction + feedback.text;
                userSections.add(new ContextSection(ContextSection.Kind.FEEDBACK, null,
                        counter.count(introduction) + feedback.tokens, feedback.truncated()));
                if (feedback.truncated()) {
                    feedbackNotes.add(new ContextNote(ContextNote.Kind.TRUNCATED, ContextSection.Kind.FEEDBACK, null,
                            String.format(Locale.ROOT, "feedback cut to %,d tokens (maxFeedbackTokens %,d): %,d "
                                    + "chars left out", feedback.tokens, request.maxFeedbackTokens(),
                                    feedback.droppedChars)));
                }
            }
        }

        // the stable prefix: instructions, then context files, then the map, each in what remains
        int remaining = prefixBudget - rulesTokens;
        List<FilePart> instructions = instructionParts();
        Map<String, String> seenContent = new HashMap<>();
        for (FilePart part : instructions) {
            if (part.text == null) {
                continue;
            }
            String earlier = seenContent.putIfAbsent(part.text, part.path);
            if (earlier != null) {
                part.omit(ContextNote.Kind.DUPLICATE, UntrustedData.quote(part.path) + " has the same content as "
                        + UntrustedData.quote(earlier) + ", which is included");
                continue;
            }
            remaining -= include(part, PromptText.KIND_INSTRUCTIONS, remaining);
        }
        Set<String> instructionPaths = new LinkedHashSet<>();
        instructions.forEach(part -> instructionPaths.add(part.path));
        List<ContextNote> globNotes = new ArrayList<>();
        List<FilePart> contextFiles = new ArrayList<>();
        for (WorkspaceFile file : contextFiles(globNotes)) {
            if (instructionPaths.contains(file.path())) {
                continue; // already in as an instruction file
            }
            FilePart part = new FilePart(ContextSection.Kind.CONTEXT_FILE, file.path());
            contextFiles.add(part);
            if (remaining < MIN_FILE_TOKENS) {
                part.omit(ContextNote.Kind.OMITTED_FOR_BUDGET, null);
                continue; // not even read
            }
            read(part, file);
            if (part.text != null) {
                remaining -= include(part, PromptText.KIND_FILE, remaining);
            }
        }
        int mapAllowance = Math.min(request.maxRepositoryMapTokens(), remaining);
        List<WorkspaceFile> allFiles = mapAllowance >= MIN_MAP_TOKENS ? workspace.find(List.of("**")) : null;
        MapPart map = request.maxRepositoryMapTokens() == 0 ? null
                : allFiles == null ? new MapPart(null, "", 0, mapAllowance) : map(allFiles, mapAllowance);

        // the omitted-files list is not budgeted ahead: make room for it from the lowest priority up
        String omitted;
        String systemPrompt;
        int systemTokens;
        while (true) {
            omitted = omittedFiles(instructions, contextFiles, globNotes);
            systemPrompt = join(rules, instructions, map, contextFiles, omitted);
            systemTokens = counter.count(systemPrompt);
            int excess = systemTokens - prefixBudget;
            if (excess <= 0) {
                break;
            }
            if (map != null && map.result != null) {
                map = map(allFiles, map.tokens - excess - 1);
            } else if (!shrinkLast(contextFiles, excess) && !shrinkLast(instructions, excess)) {
                omitted = ""; // only rules remain; the notes still say what is missing
                systemPrompt = join(rules, instructions, map, contextFiles, omitted);
                systemTokens = counter.count(systemPrompt);
                break;
            }
        }

        List<ContextSection> sections = new ArrayList<>();
        sections.add(new ContextSection(ContextSection.Kind.RULES, null, rulesTokens, false));
        addSections(sections, instructions);
        if (map != null && map.result != null) {
            sections.add(new ContextSection(ContextSection.Kind.REPOSITORY_MAP, null, map.tokens,
                    map.result.collapsedForBudget() > 0));
        }
        addSections(sections, contextFiles);
        if (!omitted.isEmpty()) {
            sections.add(new ContextSection(ContextSection.Kind.OMITTED_FILES, null, counter.count(omitted), false));
        }
        sections.addAll(userSections);

        addNotes(notes, instructions);
        if (map != null) {
            notes.addAll(mapNotes(map, request.maxRepositoryMapTokens()));
        }
        notes.addAll(globNotes);
        addNotes(notes, contextFiles);
        notes.addAll(feedbackNotes);
        return new AssembledContext(systemPrompt, userMessage, sections, notes, systemTokens,
                counter.count(userMessage), budget, counter);
    }

    /** The instruction files that exist, in priority order, read; missing extras are reported. */
    private List<FilePart> instructionParts() {
        LinkedHashSet<String> candidates = new LinkedHashSet<>(request.instructionFiles());
        candidates.addAll(request.extraInstructionFiles());
        List<FilePart> parts = new ArrayList<>();
        if (candidates.isEmpty()) {
            return parts;
        }
        Map<String, WorkspaceFile> found = new HashMap<>();
        for (WorkspaceFile file : workspace.find(new ArrayList<>(candidates))) {
            found.put(file.path(), file);
        }
        for (String path : candidates) {
            WorkspaceFile file = found.get(path);
            if (file == null) {
                if (!request.instructionFiles().contains(path)) {
                    FilePart part = new FilePart(ContextSection.Kind.INSTRUCTIONS, path);
                    part.omit(ContextNote.Kind.NOT_FOUND, "instruction file " + UntrustedData.quote(path)
                            + " (extraInstructionFiles) does not exist in " + workspace.describe()
                            + ", or the workspace policy hides it (hidden files are never read)");
                    parts.add(part);
                }
                continue;
            }
            FilePart part = new FilePart(ContextSection.Kind.INSTRUCTIONS, path);
            read(part, file);
            parts.add(part);
        }
        return parts;
    }

    /** The files matched by the context globs, sorted by path; a glob that matches nothing is noted. */
    private List<WorkspaceFile> contextFiles(List<ContextNote> notes) {
        TreeMap<String, WorkspaceFile> files = new TreeMap<>();
        for (String glob : request.contextGlobs()) {
            List<WorkspaceFile> matched = workspace.find(List.of(glob));
            if (matched.isEmpty()) {
                notes.add(new ContextNote(ContextNote.Kind.NOT_FOUND, ContextSection.Kind.CONTEXT_FILE, null,
                        "context glob " + UntrustedData.quote(glob) + " matched no files"));
            }
            matched.forEach(file -> files.putIfAbsent(file.path(), file));
        }
        return new ArrayList<>(files.values());
    }

    private void read(FilePart part, WorkspaceFile file) {
        FileText.Result result = FileText.read(workspace, file, request.maxFileBytes());
        if (result.isText()) {
            part.text = secrets.apply(result.text());
        } else {
            part.omit(result.problem(), result.detail());
        }
    }

    /** Puts the part in within min(maxFileTokens, remaining), cut if need be; returns the tokens it takes. */
    private int include(FilePart part, String fenceKind, int remaining) {
        int allowance = Math.min(request.maxFileTokens(), remaining);
        Fenced fenced = allowance < Math.min(MIN_FILE_TOKENS, request.maxFileTokens()) ? null
                : fitFenced(fenceKind, part.path, part.text, allowance);
        if (fenced == null) {
            part.omit(ContextNote.Kind.OMITTED_FOR_BUDGET, null);
            return 0;
        }
        part.rendered = fenced.text;
        part.tokens = fenced.tokens;
        part.droppedChars = fenced.droppedChars;
        part.cutForBudget = fenced.truncated() && remaining < request.maxFileTokens();
        return fenced.tokens;
    }

    /** Cuts the last included part of the list by {@code excess} tokens, or leaves it out; false if none is included. */
    private boolean shrinkLast(List<FilePart> parts, int excess) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            FilePart part = parts.get(i);
            if (part.included()) {
                int allowance = part.tokens - excess - 1;
                Fenced fenced = allowance < MIN_FILE_TOKENS ? null
                        : fitFenced(part.kind == ContextSection.Kind.INSTRUCTIONS ? PromptText.KIND_INSTRUCTIONS
                                : PromptText.KIND_FILE, part.path, part.text, allowance);
                if (fenced == null) {
                    part.omit(ContextNote.Kind.OMITTED_FOR_BUDGET, null);
                } else {
                    part.rendered = fenced.text;
                    part.tokens = fenced.tokens;
                    part.droppedChars = fenced.droppedChars;
                    part.cutForBudget = true;
                }
                return true;
            }
        }
        return false;
    }

    /** A fenced block followed by a blank line, and its tokens. */
    private record Fenced(String text, int tokens, long droppedChars) {
        boolean truncated() {
            return droppedChars > 0;
        }
    }

    /** The text fenced within {@code maxTokens} (fence and trailing blank line included), cut if need be; null if it cannot fit. */
    private Fenced fitFenced(String kind, String source, String text, int maxTokens) {
        String whole = UntrustedData.fence(kind, source, text) + "\n";
        int wholeTokens = counter.count(whole);
        if (wholeTokens <= maxTokens) {
            return new Fenced(whole, wholeTokens, 0);
        }
        int overhead = wholeTokens - counter.count(text);
        int room = maxTokens - overhead - ID_MARGIN_TOKENS;
        for (int attempt = 0; attempt < 8 && room > 0; attempt++) {
            TokenFit.Fitted fitted = TokenFit.fit(text, room, counter);
            if (fitted == null) {
                return null;
            }
            String block = UntrustedData.fence(kind, source, fitted.text()) + "\n";
            int tokens = counter.count(block);
            if (tokens <= maxTokens) {
                return new Fenced(block, tokens, fitted.droppedChars());
            }
            room -= tokens - maxTokens; // the id's tokens vary with the text
        }
        return null;
    }

    /** The fenced map and its tokens; result null (and tokens 0) when it did not fit. */
    private record MapPart(RepositoryMap.Result result, String text, int tokens, int allowance) {
    }

    private MapPart map(List<WorkspaceFile> files, int allowance) {
        // the fence's id takes a varying number of tokens: leave a margin so that one rendering usually fits
        int overhead = counter.count(UntrustedData.fence(PromptText.KIND_REPOSITORY_MAP, null, "x\n") + "\n")
                + ID_MARGIN_TOKENS;
        int treeBudget = allowance - overhead;
        for (int attempt = 0; attempt < 8 && treeBudget > 0; attempt++) {
            RepositoryMap.Result result = RepositoryMap.render(files, treeBudget, counter);
            if (result.text() == null) {
                break;
            }
            String text = UntrustedData.fence(PromptText.KIND_REPOSITORY_MAP, null, result.text()) + "\n";
            int tokens = counter.count(text);
            if (tokens <= allowance) {
                return new MapPart(result, text, tokens, allowance);
            }
            treeBudget -= tokens - allowance;
        }
        return new MapPart(null, "", 0, allowance);
    }

    private List<ContextNote> mapNotes(MapPart map, int maxTokens) {
        if (map.result == null) {
            return List.of(new ContextNote(ContextNote.Kind.OMITTED_FOR_BUDGET, ContextSection.Kind.REPOSITORY_MAP,
                    null, String.format(Locale.ROOT, "repository map left out: only %,d tokens were left for it "
                            + "(maxRepositoryMapTokens %,d)", Math.max(0, map.allowance), maxTokens)));
        }
        int collapsed = map.result.collapsedForBudget();
        if (collapsed <= 0) {
            return List.of();
        }
        return List.of(new ContextNote(ContextNote.Kind.MAP_COLLAPSED, ContextSection.Kind.REPOSITORY_MAP, null,
                String.format(Locale.ROOT, "repository map: %,d of %,d directories (%,d files) not expanded to stay "
                        + "within %,d tokens", collapsed, map.result.directories(), map.result.files(),
                        map.allowance)));
    }

    private static String join(String rules, List<FilePart> instructions, MapPart map, List<FilePart> contextFiles,
                               String omitted) {
        StringBuilder out = new StringBuilder(rules);
        instructions.stream().filter(FilePart::included).forEach(part -> out.append(part.rendered));
        if (map != null) {
            out.append(map.text);
        }
        contextFiles.stream().filter(FilePart::included).forEach(part -> out.append(part.rendered));
        return out.append(omitted).toString();
    }

    /** The fenced list of files asked for but left out, or "" when none was. */
    private String omittedFiles(List<FilePart> instructions, List<FilePart> contextFiles, List<ContextNote> globNotes) {
        List<String> lines = new ArrayList<>();
        Map<ContextNote.Kind, Integer> unlisted = new EnumMap<>(ContextNote.Kind.class);
        List<FilePart> parts = new ArrayList<>(instructions);
        parts.addAll(contextFiles);
        for (FilePart part : parts) {
            if (part.included() || part.problem == null || part.problem == ContextNote.Kind.DUPLICATE) {
                continue;
            }
            if (lines.size() < MAX_OMITTED_LINES) {
                lines.add(UntrustedData.escape(part.path) + ": " + reason(part.problem) + "\n");
            } else {
                unlisted.merge(part.problem, 1, Integer::sum);
            }
        }
        for (ContextNote note : globNotes) {
            if (lines.size() < MAX_OMITTED_LINES) {
                lines.add(note.message() + "\n"); // our words around a quoted (escaped) glob
            } else {
                unlisted.merge(note.kind(), 1, Integer::sum);
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(text::append);
        if (!unlisted.isEmpty()) {
            text.append("... and more:");
            String separator = " ";
            for (Map.Entry<ContextNote.Kind, Integer> entry : unlisted.entrySet()) {
                text.append(separator).append(String.format(Locale.ROOT, "%,d ", entry.getValue()))
                        .append(reason(entry.getKey()));
                separator = ", ";
            }
            text.append('\n');
        }
        return UntrustedData.fence(PromptText.KIND_OMITTED_FILES, null, text.toString()) + "\n";
    }

    private static String reason(ContextNote.Kind kind) {
        return switch (kind) {
            case OMITTED_FOR_BUDGET -> "left out for the token budget";
            case BINARY -> "not text (binary or not UTF-8)";
            case TOO_LARGE -> "too large to read up front";
            case NOT_FOUND -> "not found";
            case UNREADABLE -> "could not be read";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    private static void addSections(List<ContextSection> sections, List<FilePart> parts) {
        for (FilePart part : parts) {
            if (part.included()) {
                sections.add(new ContextSection(part.kind, part.path, part.tokens, part.droppedChars > 0));
            }
        }
    }

    private void addNotes(List<ContextNote> notes, List<FilePart> parts) {
        for (FilePart part : parts) {
            String path = part.path;
            String quoted = UntrustedData.quote(path);
            if (part.included()) {
                if (part.droppedChars > 0) {
                    notes.add(new ContextNote(ContextNote.Kind.TRUNCATED, part.kind, path, String.format(Locale.ROOT,
                            "%s cut to %,d tokens (%s): %,d chars left out", quoted, part.tokens,
                            part.cutForBudget ? "what was left of the token budget"
                                    : String.format(Locale.ROOT, "maxFileTokens %,d", request.maxFileTokens()),
                            part.droppedChars)));
                }
                continue;
            }
            if (part.problem == null) {
                continue;
            }
            String message = switch (part.problem) {
                case OMITTED_FOR_BUDGET -> quoted + " left out: the token budget was used up by parts of higher "
                        + "priority";
                case BINARY -> quoted + " skipped: not text (" + part.detail + ")";
                case TOO_LARGE -> quoted + " skipped: too large (" + part.detail + ")";
                case UNREADABLE -> quoted + " skipped: could not be read (" + part.detail + ")";
                default -> part.detail;
            };
            notes.add(new ContextNote(part.problem, part.kind, path, message));
        }
    }
}
