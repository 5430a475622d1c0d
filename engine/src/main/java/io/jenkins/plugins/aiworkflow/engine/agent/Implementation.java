package io.jenkins.plugins.aiworkflow.engine.agent;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.ledger.Ledger;
import io.jenkins.plugins.aiworkflow.engine.llm.Model;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;

/**
 * The one entry point behind {@code aiwf implement} and {@code aiImplement}: an
 * {@link ImplementationRequest} in, an {@link AgentResult} out. An adapter translates its parameters
 * into the request, calls {@link #run}, and renders the result (engine {@code output}); what the
 * model, the ledger, the transcript and the agent are, and how the secrets are kept, is decided here.
 */
public final class Implementation {
    /**
     * Lets the agent change {@code workspace} to fulfil the request's intent: opens the request's model
     * (a replay from its first turn), records every call in a new ledger priced by the request's prices,
     * writes the transcript to the request's stream and closes it. Whatever stops the run, the result
     * comes back, and the work done so far stays in the workspace.
     *
     * @param log where the run's progress goes; a caller that prints it masks each line with
     *            {@link ImplementationRequest#redact}
     * @throws InvalidRequestException before anything ran, when the prompt cannot be built from the
     *                                 request ({@code tokenBudget} too small for the rules and the intent)
     */
    public AgentResult run(ImplementationRequest request, Workspace workspace, EngineLog log) {
        try (Transcript transcript = request.openTranscript(); Model model = request.openModel(log)) {
            log.info("Implementing in " + workspace.describe() + " with " + model.describe());
            return new Agent(model, new Ledger(request.prices()), log, transcript).run(request.agentRequest(),
                    workspace);
        }
    }
}
