package io.jenkins.plugins.aiworkflow.engine.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The prompt of one agent run: a stable {@link #systemPrompt()} to send first and keep
 * unchanged for the whole run, and the volatile {@link #firstUserMessage()} after it, together
 * within {@link #tokenBudget()}. Immutable.
 *
 * <p>The system prompt depends only on the rules, the workspace's files, the request's
 * instruction, context and budget parameters, and the intent's token count; never on the
 * feedback, on times or on chance. Two builds with the same inputs give the same bytes, so a
 * provider's prompt cache hits across turns and across refine iterations.
 */
public final class AssembledContext {
    private final String systemPrompt;
    private final String firstUserMessage;
    private final List<ContextSection> sections;
    private final List<ContextNote> notes;
    private final int systemPromptTokens;
    private final int firstUserMessageTokens;
    private final int tokenBudget;
    private final String tokenizer;
    private final boolean tokensEstimated;

    AssembledContext(String systemPrompt, String firstUserMessage, List<ContextSection> sections,
                     List<ContextNote> notes, int systemPromptTokens, int firstUserMessageTokens, int tokenBudget,
                     TokenCounter counter) {
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.firstUserMessage = Objects.requireNonNull(firstUserMessage, "firstUserMessage");
        this.sections = List.copyOf(sections);
        this.notes = List.copyOf(notes);
        this.systemPromptTokens = systemPromptTokens;
        this.firstUserMessageTokens = firstUserMessageTokens;
        this.tokenBudget = tokenBudget;
        this.tokenizer = counter.name();
        this.tokensEstimated = counter.isEstimate();
    }

    /**
     * The stable, cacheable prefix: rules, instruction files, repository map, context files and
     * the list of omitted files, in that order. Send it as the system (or developer) message and
     * never change it during the run.
     */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** The volatile part: the intent, then the feedback of the previous iteration if any. */
    public String firstUserMessage() {
        return firstUserMessage;
    }

    /** The prompt's parts in order, system prompt first, with their token counts. */
    public List<ContextSection> sections() {
        return sections;
    }

    /** Everything left out, cut, collapsed or estimated, in prompt order. */
    public List<ContextNote> notes() {
        return notes;
    }

    /** The notes that say that content asked for is missing or incomplete. */
    public List<ContextNote> omissions() {
        return notes.stream().filter(ContextNote::isOmission).toList();
    }

    /** Tokens of {@link #systemPrompt()}, counted as one text. */
    public int systemPromptTokens() {
        return systemPromptTokens;
    }

    /** Tokens of {@link #firstUserMessage()}, counted as one text. */
    public int firstUserMessageTokens() {
        return firstUserMessageTokens;
    }

    /**
     * System prompt plus first user message; never more than {@link #tokenBudget()}. The
     * provider's chat format adds a few tokens per message, and tool definitions are not
     * included: the agent accounts for them.
     */
    public int totalTokens() {
        return systemPromptTokens + firstUserMessageTokens;
    }

    public int tokenBudget() {
        return tokenBudget;
    }

    /** The tokenizer's name, such as {@code o200k_base}. */
    public String tokenizer() {
        return tokenizer;
    }

    /** True when the tokenizer is unknown and the counts are estimates. */
    public boolean tokensEstimated() {
        return tokensEstimated;
    }

    /** Tokens of all sections of one kind. */
    public int tokens(ContextSection.Kind kind) {
        return sections.stream().filter(section -> section.kind() == kind).mapToInt(ContextSection::tokens).sum();
    }

    /** SHA-256 of the system prompt's UTF-8 bytes, in hex: equal digests mean the cache can hit. */
    public String systemPromptSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(systemPrompt.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /**
     * One line for a log or transcript, e.g. {@code context: 27,590 of 32,000 tokens (o200k_base):
     * rules 812, instructions 1,203 (2 files), repository map 3,950, context files 20,114 (12 files),
     * omitted files 95,
     * intent 41, feedback 1,470; 3 left out, 1 cut}.
     */
    public String summary() {
        Map<ContextSection.Kind, int[]> byKind = new EnumMap<>(ContextSection.Kind.class);
        for (ContextSection section : sections) {
            int[] totals = byKind.computeIfAbsent(section.kind(), kind -> new int[2]);
            totals[0] += section.tokens();
            totals[1]++;
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "context: %,d of %,d tokens (%s):",
                totalTokens(), tokenBudget, tokensEstimated ? "estimated" : tokenizer));
        String separator = " ";
        for (Map.Entry<ContextSection.Kind, int[]> entry : byKind.entrySet()) {
            ContextSection.Kind kind = entry.getKey();
            out.append(separator).append(label(kind))
                    .append(String.format(Locale.ROOT, " %,d", entry.getValue()[0]));
            if (kind == ContextSection.Kind.INSTRUCTIONS || kind == ContextSection.Kind.CONTEXT_FILE) {
                int files = entry.getValue()[1];
                out.append(" (").append(files).append(files == 1 ? " file)" : " files)");
            }
            separator = ", ";
        }
        long leftOut = notes.stream().filter(note -> note.isOmission() && note.kind() != ContextNote.Kind.TRUNCATED)
                .count();
        long cut = notes.stream().filter(note -> note.kind() == ContextNote.Kind.TRUNCATED).count();
        if (leftOut > 0 || cut > 0) {
            out.append(String.format(Locale.ROOT, "; %,d left out, %,d cut", leftOut, cut));
        }
        return out.toString();
    }

    private static String label(ContextSection.Kind kind) {
        return switch (kind) {
            case CONTEXT_FILE -> "context files";
            default -> kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    @Override
    public String toString() {
        return summary();
    }
}
