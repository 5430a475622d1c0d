package io.jenkins.plugins.aiworkflow.cli;

/**
 * How a command words the shared options whose meaning is its own: what {@code --workspace} is
 * for ({@link WorkspaceOption}) and where its {@code --json} result is documented
 * ({@link ResultFiles}). {@code --markdown} means the same everywhere.
 */
final class SharedOptionsHelp {
    private final String workspace;
    private final String json;

    SharedOptionsHelp(String workspace, String json) {
        this.workspace = workspace;
        this.json = json;
    }

    String workspace() {
        return workspace;
    }

    String json() {
        return json;
    }
}
