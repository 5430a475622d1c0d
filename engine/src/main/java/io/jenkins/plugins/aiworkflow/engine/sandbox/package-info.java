/**
 * The agent's sandbox: what it may do ({@link io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy}:
 * paths, commands, caps, the environment of its commands) and what it did
 * ({@link io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox}: the tools' file access and commands with their
 * changes tracked, snapshots and diffs). Above the {@code workspace} port, so that every implementation of the
 * port gets the same rules; below {@code context} and {@code agent}. See docs/security.md.
 */
package io.jenkins.plugins.aiworkflow.engine.sandbox;
