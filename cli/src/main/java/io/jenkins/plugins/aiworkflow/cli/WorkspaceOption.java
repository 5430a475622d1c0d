package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --workspace}, mixed into every command that works in a directory: the option, its
 * default and the check that the directory exists. What is relative to it differs per command,
 * so each command words its help in its resource bundle under {@value #HELP_KEY}; the
 * description here is only the fallback.
 */
final class WorkspaceOption {
    static final String HELP_KEY = "workspace";

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".", descriptionKey = HELP_KEY,
            description = "The directory the command works in. Default: the current directory.")
    Path workspace;

    /**
     * @param environment what commands run in the workspace inherit
     * @throws InvalidRequestException naming the option when the directory does not exist
     */
    LocalWorkspace open(Map<String, String> environment) {
        try {
            return new LocalWorkspace(workspace, environment);
        } catch (WorkspaceException e) {
            throw new InvalidRequestException(e.getMessage() + "; accepted: an existing directory (option --workspace)",
                    e);
        }
    }
}
