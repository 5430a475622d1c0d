/**
 * The Jenkins plugin: Pipeline steps {@code aiValidate}, {@code aiImplement} and {@code aiRefine}, a thin
 * adapter over the engine ({@code io.jenkins.plugins.aiworkflow.engine}). Steps copy their parameters into
 * one engine request, call one engine method and turn the result into a build result, log lines, a build
 * page action and the returned map; all behaviour is the engine's.
 */
package io.jenkins.plugins.aiworkflow.plugin;
