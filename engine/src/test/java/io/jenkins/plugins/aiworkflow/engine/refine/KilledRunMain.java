package io.jenkins.plugins.aiworkflow.engine.refine;

import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A refine run in a process of its own, for {@code RefinementTest} to kill with SIGKILL while its test command runs:
 * {@code KilledRunMain WORKSPACE REPLAY_SCRIPT}.
 */
public final class KilledRunMain {
    private KilledRunMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        RefineRequest request = RefineRequest.builder()
                .implementation(ImplementationRequest.builder().intent("Make the answer right")
                        .replay(Files.readString(Path.of(args[1])), "killed-run.json").defaultInstructions(false)
                        .build())
                .validation(ValidationRequest.builder().command("sh tests/run.sh").reports("reports/TEST-*.xml")
                        .build())
                .build();
        new Refinement().run(request, new LocalWorkspace(root), EngineLog.to(line -> System.out.println(line)),
                RefineListener.NONE);
    }
}
