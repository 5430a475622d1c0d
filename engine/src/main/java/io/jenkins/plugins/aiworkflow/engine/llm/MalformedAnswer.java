package io.jenkins.plugins.aiworkflow.engine.llm;

/** The answer could be read as JSON but lacks what a model answer must have. */
final class MalformedAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedAnswer(String message) {
        super(message);
    }
}
