package io.jenkins.plugins.aiworkflow.engine.step;

/**
 * The steps (DESIGN §3), by the names a Jenkinsfile and the command line call them. Their parameters are
 * in {@link StepParameters}, their returned maps in {@link StepResults}.
 */
public enum Step {
    /** Runs the test command (optional), reads the JUnit XML reports and applies the quality gate. */
    VALIDATE("aiValidate", "validate"),
    /** Lets the agent change the workspace to fulfil an intent. */
    IMPLEMENT("aiImplement", "implement"),
    /** Implement, test and validate in a loop until the gate passes or a limit stops it. */
    REFINE("aiRefine", "refine"),
    /**
     * The block form of refine: runs a Pipeline body (its own aiImplement, commands, aiValidate) again until its
     * last aiValidate passes or a limit stops it. A Pipeline step only (no {@code aiwf} command): a Pipeline step
     * name cannot take a body and also refuse one, so the block form has a name of its own.
     */
    REFINE_LOOP("aiRefineLoop", null);

    private final String functionName;
    private final String command;

    Step(String functionName, String command) {
        this.functionName = functionName;
        this.command = command;
    }

    /** The Pipeline step's name, such as {@code aiValidate}. */
    public String functionName() {
        return functionName;
    }

    /** The {@code aiwf} command, such as {@code validate}; null for a step the CLI has no command for. */
    public String command() {
        return command;
    }
}
