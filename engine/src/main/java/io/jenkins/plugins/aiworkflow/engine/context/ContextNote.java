package io.jenkins.plugins.aiworkflow.engine.context;

import java.util.Objects;

/**
 * Something the assembled context left out, cut, or only estimated, for the agent's
 * transcript and the run's log.
 *
 * @param kind    what happened
 * @param section the part of the prompt concerned
 * @param path    the workspace path concerned, or null
 * @param message a sentence naming the file, the limit and the numbers
 */
public record ContextNote(Kind kind, ContextSection.Kind section, String path, String message) {
    public ContextNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(message, "message");
    }

    /** What happened to a part of the context. */
    public enum Kind {
        /** Cut in the middle (head and tail kept, with a marker) to fit a cap or the budget. */
        TRUNCATED,
        /** Left out because the token budget was used up by parts of higher priority. */
        OMITTED_FOR_BUDGET,
        /** Not text: contains NUL bytes or is not valid UTF-8. */
        BINARY,
        /** Larger than {@code maxFileBytes}; not read. */
        TOO_LARGE,
        /** Named by the user (an extra instruction file) or a context glob, but nothing is there. */
        NOT_FOUND,
        /** Could not be read (vanished, permission denied). */
        UNREADABLE,
        /** Same content as an instruction file already included (for example CLAUDE.md linking to AGENTS.md). */
        DUPLICATE,
        /** The repository map shows some directories collapsed to stay within its share of the budget. */
        MAP_COLLAPSED,
        /** The model's tokenizer is unknown: token counts are estimates. */
        TOKENS_ESTIMATED
    }

    /** True for the kinds that mean content the user asked for is missing or incomplete. */
    public boolean isOmission() {
        return kind != Kind.MAP_COLLAPSED && kind != Kind.TOKENS_ESTIMATED && kind != Kind.DUPLICATE;
    }
}
