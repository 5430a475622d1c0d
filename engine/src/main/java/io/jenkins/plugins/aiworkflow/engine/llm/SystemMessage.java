package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;

/** Instructions that frame the whole conversation (the "system" role). */
public record SystemMessage(String text) implements Message {
    public SystemMessage {
        Objects.requireNonNull(text, "text");
    }
}
