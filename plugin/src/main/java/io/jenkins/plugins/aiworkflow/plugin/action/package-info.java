/**
 * The build page's "AI Workflow" ({@link io.jenkins.plugins.aiworkflow.plugin.action.AiWorkflowAction}): a row per
 * step and iteration and the engine's report files, served from the build's directory; and
 * {@link io.jenkins.plugins.aiworkflow.plugin.action.StepConsole}, the step's lines in the build log with the step's
 * name in front. The steps call them on the controller; see docs/build-page.md.
 */
package io.jenkins.plugins.aiworkflow.plugin.action;
