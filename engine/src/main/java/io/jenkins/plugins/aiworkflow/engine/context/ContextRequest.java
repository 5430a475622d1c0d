package io.jenkins.plugins.aiworkflow.engine.context;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What goes into one agent run's prompt, checked once when built. Immutable; derive a changed
 * copy with {@link #toBuilder()} or {@link #withFeedback(String)}.
 *
 * <p>Only {@link Builder#intent(String) intent} is required. See docs/context.md for how the
 * parts are ordered and budgeted.
 */
public final class ContextRequest {
    /**
     * The agent-instruction files read when present, in this order (earlier files win when
     * the budget is short): {@code AGENTS.md}, {@code CLAUDE.md},
     * {@code .github/copilot-instructions.md}, {@code CONVENTIONS.md}, {@code .cursorrules},
     * {@code ARCHITECTURE.md}, {@code docs/ARCHITECTURE.md}, {@code CONTRIBUTING.md}.
     */
    public static final List<String> DEFAULT_INSTRUCTION_FILES = List.of("AGENTS.md", "CLAUDE.md",
            ".github/copilot-instructions.md", "CONVENTIONS.md", ".cursorrules", "ARCHITECTURE.md",
            "docs/ARCHITECTURE.md", "CONTRIBUTING.md");
    /** Tokens for everything: system prompt and first user message. */
    public static final int DEFAULT_TOKEN_BUDGET = 32_000;
    /** Tokens one instruction or context file may take, fence included. */
    public static final int DEFAULT_MAX_FILE_TOKENS = 8_000;
    /** Files larger than this are not read (the agent can read parts of them with its tools). */
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
    /** Tokens reserved for the feedback of the previous iteration. */
    public static final int DEFAULT_MAX_FEEDBACK_TOKENS = 4_000;
    /** Tokens the repository map may take at most; 0 leaves the map out. */
    public static final int DEFAULT_MAX_REPOSITORY_MAP_TOKENS = 4_000;

    private final String intent;
    private final String feedback;
    private final List<String> instructionFiles;
    private final List<String> extraInstructionFiles;
    private final List<String> contextGlobs;
    private final List<String> writableGlobs;
    private final List<String> allowedCommands;
    private final List<String> testSourceGlobs;
    private final int tokenBudget;
    private final int maxFileTokens;
    private final long maxFileBytes;
    private final int maxFeedbackTokens;
    private final int maxRepositoryMapTokens;
    private final String modelName;

    private ContextRequest(Builder builder) {
        if (builder.intent == null || builder.intent.isBlank()) {
            throw invalid("intent", "intent is empty; accepted: a non-blank description of the change to make, "
                    + "such as 'Add a --verbose option to the CLI'");
        }
        intent = builder.intent.strip();
        feedback = builder.feedback == null || builder.feedback.isBlank() ? null : builder.feedback;
        instructionFiles = paths("instructionFiles", builder.instructionFiles);
        extraInstructionFiles = paths("extraInstructionFiles", builder.extraInstructionFiles);
        contextGlobs = globs("contextGlobs", builder.contextGlobs);
        writableGlobs = globs("writableGlobs", builder.writableGlobs);
        allowedCommands = texts("allowedCommands", builder.allowedCommands);
        testSourceGlobs = globs("testSourceGlobs", builder.testSourceGlobs);
        tokenBudget = atLeast("tokenBudget", builder.tokenBudget, 1);
        maxFileTokens = atLeast("maxFileTokens", builder.maxFileTokens, 1);
        if (builder.maxFileBytes < 1) {
            throw invalid("maxFileBytes", "maxFileBytes must be >= 1, was " + builder.maxFileBytes);
        }
        maxFileBytes = builder.maxFileBytes;
        maxFeedbackTokens = atLeast("maxFeedbackTokens", builder.maxFeedbackTokens, 0);
        maxRepositoryMapTokens = atLeast("maxRepositoryMapTokens", builder.maxRepositoryMapTokens, 0);
        modelName = builder.modelName == null || builder.modelName.isBlank() ? null : builder.modelName.strip();
    }

    private static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw invalid(name, name + " must be >= " + minimum + ", was " + value);
        }
        return value;
    }

    private static List<String> paths(String parameter, List<String> values) {
        return normalized(parameter, values, value -> {
            String path = WorkspacePaths.normalize(value.strip());
            if (path.isEmpty()) {
                throw invalid(parameter, parameter + ": '" + value + "' names the workspace root itself; "
                        + "accepted: a file path relative to the workspace root, such as 'AGENTS.md'");
            }
            return path;
        });
    }

    private static List<String> globs(String parameter, List<String> values) {
        return normalized(parameter, values, WorkspacePaths::normalizeGlob);
    }

    private static List<String> texts(String parameter, List<String> values) {
        return normalized(parameter, values, value -> {
            if (value.isBlank()) {
                throw invalid(parameter, parameter + " contains a blank entry; accepted: non-blank values");
            }
            return value.strip();
        });
    }

    /** Normalises each value, keeps the first of duplicates, and names the parameter in any error. */
    private static List<String> normalized(String parameter, List<String> values, UnaryOperator<String> normalizer) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                throw invalid(parameter, parameter + " contains a null entry");
            }
            try {
                result.add(normalizer.apply(value));
            } catch (RuntimeException e) {
                // the normalizer's own refusals name the parameter already; a path or glob refusal gets it
                boolean named = e instanceof InvalidRequestException invalid
                        && parameter.equals(invalid.parameter().orElse(null));
                throw named ? (InvalidRequestException) e
                        : new InvalidRequestException(parameter, parameter + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(new ArrayList<>(result));
    }

    private static InvalidRequestException invalid(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return new Builder().intent(intent).feedback(feedback).instructionFiles(instructionFiles)
                .extraInstructionFiles(extraInstructionFiles).contextGlobs(contextGlobs).writableGlobs(writableGlobs)
                .allowedCommands(allowedCommands).testSourceGlobs(testSourceGlobs).tokenBudget(tokenBudget).maxFileTokens(maxFileTokens)
                .maxFileBytes(maxFileBytes).maxFeedbackTokens(maxFeedbackTokens)
                .maxRepositoryMapTokens(maxRepositoryMapTokens).modelName(modelName);
    }

    /** This request with other feedback (null for none); the refine loop's next iteration. */
    public ContextRequest withFeedback(String value) {
        return toBuilder().feedback(value).build();
    }

    /** What to do, stripped; never blank. */
    public String intent() {
        return intent;
    }

    /** Evidence from the previous iteration (failing tests, build output), or null. */
    public String feedback() {
        return feedback;
    }

    /** Instruction files read when present, normalised, in priority order. */
    public List<String> instructionFiles() {
        return instructionFiles;
    }

    /** Instruction files the user named, read after {@link #instructionFiles()}; a missing one is reported. */
    public List<String> extraInstructionFiles() {
        return extraInstructionFiles;
    }

    /** Ant-style patterns of files read up front, normalised. */
    public List<String> contextGlobs() {
        return contextGlobs;
    }

    /** The agent's writable patterns, stated in the rules (the tools enforce them); empty if not stated. */
    public List<String> writableGlobs() {
        return writableGlobs;
    }

    /** The command prefixes the agent may run, stated in the rules (the tools enforce them). */
    public List<String> allowedCommands() {
        return allowedCommands;
    }

    /**
     * The patterns of the test sources (and the files the test command names) that the agent's policy makes
     * read-only, stated in the rules (the refine loop's tamper guard); empty if not stated.
     */
    public List<String> testSourceGlobs() {
        return testSourceGlobs;
    }

    /** Tokens for the system prompt and first user message together. */
    public int tokenBudget() {
        return tokenBudget;
    }

    /** Tokens one instruction or context file may take, fence included. */
    public int maxFileTokens() {
        return maxFileTokens;
    }

    /** Files larger than this many bytes are not read. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** Tokens reserved in the first user message for the feedback. */
    public int maxFeedbackTokens() {
        return maxFeedbackTokens;
    }

    /** Tokens the repository map may take at most; 0 leaves it out. */
    public int maxRepositoryMapTokens() {
        return maxRepositoryMapTokens;
    }

    /** The model the prompt is for, which picks the tokenizer; null when unknown. */
    public String modelName() {
        return modelName;
    }

    /** Builder; only {@link #intent(String)} is required. */
    public static final class Builder {
        private String intent;
        private String feedback;
        private List<String> instructionFiles = DEFAULT_INSTRUCTION_FILES;
        private List<String> extraInstructionFiles = List.of();
        private List<String> contextGlobs = List.of();
        private List<String> writableGlobs = List.of();
        private List<String> allowedCommands = List.of();
        private List<String> testSourceGlobs = List.of();
        private int tokenBudget = DEFAULT_TOKEN_BUDGET;
        private int maxFileTokens = DEFAULT_MAX_FILE_TOKENS;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private int maxFeedbackTokens = DEFAULT_MAX_FEEDBACK_TOKENS;
        private int maxRepositoryMapTokens = DEFAULT_MAX_REPOSITORY_MAP_TOKENS;
        private String modelName;

        private Builder() {
        }

        public Builder intent(String value) {
            intent = value;
            return this;
        }

        public Builder feedback(String value) {
            feedback = value;
            return this;
        }

        /** Replaces {@link #DEFAULT_INSTRUCTION_FILES}; an empty list reads none. */
        public Builder instructionFiles(List<String> value) {
            instructionFiles = copy("instructionFiles", value);
            return this;
        }

        public Builder extraInstructionFiles(List<String> value) {
            extraInstructionFiles = copy("extraInstructionFiles", value);
            return this;
        }

        public Builder extraInstructionFiles(String... value) {
            return extraInstructionFiles(List.of(value));
        }

        public Builder contextGlobs(List<String> value) {
            contextGlobs = copy("contextGlobs", value);
            return this;
        }

        public Builder contextGlobs(String... value) {
            return contextGlobs(List.of(value));
        }

        public Builder writableGlobs(List<String> value) {
            writableGlobs = copy("writableGlobs", value);
            return this;
        }

        public Builder allowedCommands(List<String> value) {
            allowedCommands = copy("allowedCommands", value);
            return this;
        }

        /** See {@link ContextRequest#testSourceGlobs()}. */
        public Builder testSourceGlobs(List<String> value) {
            testSourceGlobs = copy("testSourceGlobs", value);
            return this;
        }

        public Builder tokenBudget(int value) {
            tokenBudget = value;
            return this;
        }

        public Builder maxFileTokens(int value) {
            maxFileTokens = value;
            return this;
        }

        public Builder maxFileBytes(long value) {
            maxFileBytes = value;
            return this;
        }

        public Builder maxFeedbackTokens(int value) {
            maxFeedbackTokens = value;
            return this;
        }

        public Builder maxRepositoryMapTokens(int value) {
            maxRepositoryMapTokens = value;
            return this;
        }

        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        /** @throws InvalidRequestException naming the first bad parameter */
        public ContextRequest build() {
            return new ContextRequest(this);
        }

        private static List<String> copy(String parameter, List<String> value) {
            // keeps null entries so that build() can name them
            return new ArrayList<>(Objects.requireNonNull(value, parameter));
        }
    }
}
