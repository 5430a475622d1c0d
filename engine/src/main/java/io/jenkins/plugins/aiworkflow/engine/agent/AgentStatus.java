package io.jenkins.plugins.aiworkflow.engine.agent;

/** How an agent run ended. Only the workspace's evidence decides between CHANGED and NO_CHANGE. */
public enum AgentStatus {
    /** The agent finished and the workspace has changes. */
    CHANGED,
    /** The agent finished without changing anything: never a success by itself. */
    NO_CHANGE,
    /** A limit (turns, tokens, cost, wall time) stopped the run; the work done so far stays. */
    LIMIT,
    /** The model failed, kept sending invalid replies, or the run was cancelled; the work done so far stays. */
    ERROR
}
