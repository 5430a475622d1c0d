/**
 * Pattern matching on workspace paths: Ant-style globs ({@link io.jenkins.plugins.aiworkflow.engine.pattern.Glob}),
 * git's wildmatch and {@code .gitignore} rules ({@link io.jenkins.plugins.aiworkflow.engine.pattern.GitIgnore}).
 * Strings and bytes in, a yes or no out: nothing here reads a file (a {@code GitIgnore} is given where its
 * files come from) or depends on anything of the engine but {@code text}.
 */
package io.jenkins.plugins.aiworkflow.engine.pattern;
