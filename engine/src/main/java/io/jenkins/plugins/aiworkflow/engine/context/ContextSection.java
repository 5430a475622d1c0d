package io.jenkins.plugins.aiworkflow.engine.context;

import java.util.Objects;

/**
 * One part of the assembled prompt and the tokens it takes, counted on its own. Parts follow
 * each other in prompt order; the system prompt's parts are all the kinds but
 * {@link Kind#INTENT} and {@link Kind#FEEDBACK}, which make up the first user message.
 *
 * @param kind      what the part is
 * @param path      the workspace path of a file part, or null
 * @param tokens    tokens of the part's text, including its fence and the blank line after it
 * @param truncated true when the part's text was cut to fit
 */
public record ContextSection(Kind kind, String path, int tokens, boolean truncated) {
    public ContextSection {
        Objects.requireNonNull(kind, "kind");
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
        }
    }

    /** The parts of the prompt, in prompt order. */
    public enum Kind {
        /** The fixed rules: role, tool use, writable paths, tests, untrusted data, finishing. Always present. */
        RULES(true),
        /** One instruction file (AGENTS.md and the like). */
        INSTRUCTIONS(true),
        /** The compact directory tree. */
        REPOSITORY_MAP(true),
        /** One file matched by the context globs. */
        CONTEXT_FILE(true),
        /** The list of files asked for but left out, and why. */
        OMITTED_FILES(true),
        /** The intent: the task. Always present; first in the user message. */
        INTENT(false),
        /** Evidence from the previous iteration. */
        FEEDBACK(false);

        private final boolean inSystemPrompt;

        Kind(boolean inSystemPrompt) {
            this.inSystemPrompt = inSystemPrompt;
        }

        /** True for the stable, cacheable parts; false for the first user message's. */
        public boolean inSystemPrompt() {
            return inSystemPrompt;
        }
    }
}
