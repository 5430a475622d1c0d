package io.jenkins.plugins.aiworkflow.engine.step;

/**
 * What a failed gate does to the build ({@code onFailure} of {@code aiValidate} and {@code aiRefine}). Whatever
 * it is, the step returns its map; a build result is only ever made worse, never better.
 */
public enum OnFailure {
    /** The build result becomes FAILURE (the default). */
    FAILURE,
    /** The build result becomes UNSTABLE (at worst) and the pipeline goes on. */
    UNSTABLE,
    /** Nothing is marked: the Jenkinsfile decides from the returned map ({@code passed}). */
    NONE
}
