package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --workspace}, shared by every command that works in a directory: the option, its default
 * and the check that the directory exists. What is relative to it differs per command, so each
 * command words its help ({@link SharedOptionsHelp}).
 */
final class WorkspaceOption {
    static final String NAME = "--workspace";
    /** The current directory. */
    static final String DEFAULT = ".";

    Path workspace = Path.of(DEFAULT);

    /** The option, worded by the command. */
    static CliOption option(SharedOptionsHelp help) {
        return CliOption.value(NAME, "DIR", help.workspace());
    }

    /** Takes the value if {@code option} is {@code --workspace}; false for any other option. */
    boolean set(String option, String value) {
        if (!NAME.equals(option)) {
            return false;
        }
        workspace = Path.of(value);
        return true;
    }

    /**
     * @param environment what commands run in the workspace inherit
     * @throws InvalidRequestException naming the parameter {@value LocalWorkspace#WORKSPACE}, which this
     *                                 option sets, when the directory does not exist
     */
    LocalWorkspace open(Map<String, String> environment) {
        return new LocalWorkspace(workspace, environment);
    }
}
