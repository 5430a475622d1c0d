/**
 * The {@link io.jenkins.plugins.aiworkflow.engine.workspace.Workspace} port, the engine's only way to files
 * and commands, and what crosses it (it is remotable: coarse operations run as one call where the files are, as
 * a {@link io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceTask}): tasks, files, the workspace's operating system, command
 * requests (made by the command's environment policy, which stays behind) and results, recorded workspace states, the path rules every
 * implementation keeps ({@link io.jenkins.plugins.aiworkflow.engine.workspace.WorkspacePaths},
 * {@link io.jenkins.plugins.aiworkflow.engine.workspace.PathRules}); and
 * {@link io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace} with its helpers. What an agent may do
 * is decided above it, in {@code sandbox}, which this package does not know. See docs/development.md.
 */
package io.jenkins.plugins.aiworkflow.engine.workspace;
