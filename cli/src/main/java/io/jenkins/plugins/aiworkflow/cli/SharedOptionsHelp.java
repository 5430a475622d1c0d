package io.jenkins.plugins.aiworkflow.cli;

import java.util.ListResourceBundle;

/**
 * How a command words the shared options whose meaning is its own: what {@code --workspace} is
 * for ({@link WorkspaceOption}) and where its {@code --json} result is documented
 * ({@link ResultFiles}). A command names its subclass in {@code @Command(resourceBundle = ...)};
 * picocli then reads the options' help from it by their description keys.
 */
abstract class SharedOptionsHelp extends ListResourceBundle {
    private final String workspace;
    private final String json;

    SharedOptionsHelp(String workspace, String json) {
        this.workspace = workspace;
        this.json = json;
    }

    @Override
    protected Object[][] getContents() {
        return new Object[][] {{WorkspaceOption.HELP_KEY, workspace}, {ResultFiles.JSON_HELP_KEY, json}};
    }
}
