package io.jenkins.plugins.aiworkflow.engine.llm;

import java.util.Objects;

/** A message from the user (the "user" role). */
public record UserMessage(String text) implements Message {
    public UserMessage {
        Objects.requireNonNull(text, "text");
    }
}
