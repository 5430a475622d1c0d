package io.jenkins.plugins.aiworkflow.engine.step;

/**
 * The three steps (DESIGN §3), by the names a Jenkinsfile and the command line call them. Their parameters are
 * in {@link StepParameters}, their returned maps in {@link StepResults}.
 */
public enum Step {
    /** Runs the test command (optional), reads the JUnit XML reports and applies the quality gate. */
    VALIDATE("aiValidate", "validate"),
    /** Lets the agent change the workspace to fulfil an intent. */
    IMPLEMENT("aiImplement", "implement"),
    /** Implement, test and validate in a loop until the gate passes or a limit stops it. */
    REFINE("aiRefine", "refine");

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

    /** The {@code aiwf} command, such as {@code validate}. */
    public String command() {
        return command;
    }
}
