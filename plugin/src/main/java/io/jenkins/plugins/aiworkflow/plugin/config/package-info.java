/**
 * The global configuration "AI Workflow" ({@code aiWorkflow} in Configuration as Code): the model providers the
 * steps call ({@link io.jenkins.plugins.aiworkflow.plugin.config.Provider}, each with a Secret text credential)
 * and the caps a Jenkinsfile cannot exceed ({@link io.jenkins.plugins.aiworkflow.engine.step.Caps}, the engine's). The steps
 * reach both through {@link io.jenkins.plugins.aiworkflow.plugin.config.AiWorkflowConfiguration#get()}; see
 * docs/configuration.md.
 */
package io.jenkins.plugins.aiworkflow.plugin.config;
