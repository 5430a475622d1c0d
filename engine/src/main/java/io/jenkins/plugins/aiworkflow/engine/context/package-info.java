/**
 * Prompt assembly for the agent: the static, cacheable system prompt (rules, the project's
 * instruction files, a repository map, files read up front) and the volatile first user
 * message (intent and feedback), all within a token budget counted with a real tokenizer.
 * Repository content is fenced as untrusted data. This package sits below {@code agent}: it
 * returns plain strings, and the agent turns them into model messages. See docs/context.md.
 */
package io.jenkins.plugins.aiworkflow.engine.context;
