package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.llm.Model;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.sandbox.Sandbox;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import java.util.Objects;

/**
 * Several agent runs on one model, one transcript and one ledger: what the refine loop's iterations share. The
 * request's model is opened once (a replay goes on from where the previous run left it instead of starting over),
 * its transcript is written by every run and closed with the session, and the ledger given holds every call, so
 * that a budget checked against it is the budget of all runs. {@link Implementation} is the single-run case.
 */
public final class ImplementationSession implements AutoCloseable {
    private final Transcript transcript;
    private final Model model;
    private final Agent agent;

    private ImplementationSession(Transcript transcript, Model model, Agent agent) {
        this.transcript = transcript;
        this.model = model;
        this.agent = agent;
    }

    /**
     * Opens the request's model and transcript.
     *
     * @param ledger where every call of every run is recorded; created by the caller (with the caller's clock
     *               and the request's {@link ImplementationRequest#prices() prices})
     * @throws io.jenkins.plugins.aiworkflow.engine.InvalidRequestException naming {@code model} when the model
     *                                                                       cannot be opened
     */
    public static ImplementationSession open(ImplementationRequest request, Ledger ledger, EngineLog log) {
        Objects.requireNonNull(ledger, "ledger");
        Transcript transcript = request.openTranscript();
        Model model;
        try {
            model = request.openModel(log);
        } catch (RuntimeException e) {
            transcript.close();
            throw e;
        }
        return new ImplementationSession(transcript, model, new Agent(model, ledger, log, transcript));
    }

    /** The opened model as messages name it. */
    public String describeModel() {
        return model.describe();
    }

    /**
     * One agent run ({@link Agent#run(AgentRequest, Workspace, Sandbox)}): its result reports its own usage, turns
     * and changes; {@code allRuns} (null for none) keeps the changes of every run it was given to.
     */
    public AgentResult run(AgentRequest request, Workspace workspace, Sandbox allRuns) {
        return agent.run(request, workspace, allRuns);
    }

    /** Closes the model and the transcript. */
    @Override
    public void close() {
        try {
            model.close();
        } finally {
            transcript.close();
        }
    }
}
