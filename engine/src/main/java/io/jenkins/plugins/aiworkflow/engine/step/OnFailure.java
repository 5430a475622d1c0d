package io.jenkins.plugins.aiworkflow.engine.step;

/**
 * What a failed gate does to the build ({@code onFailure} of {@code aiValidate} and {@code aiRefine}); a build
 * result is only ever made worse, never better. With {@code UNSTABLE} and {@code NONE} the step returns its map;
 * with {@code FAILURE} it fails, so that nothing after a failed gate (a deployment) runs unless the Jenkinsfile
 * catches it ({@code catchError}).
 */
public enum OnFailure {
    /** The step fails, which fails the build unless caught; the stage is marked failed (the default). */
    FAILURE,
    /** The build result becomes UNSTABLE (at worst) and the pipeline goes on. */
    UNSTABLE,
    /** Nothing is marked: the Jenkinsfile decides from the returned map ({@code passed}). */
    NONE
}
