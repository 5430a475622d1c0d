package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny project with a bug for the agent to fix, and the scripted model turns that fix it. */
final class SmallProject {
    static final String CALCULATOR = "src/main/java/demo/Calculator.java";
    static final String BUGGY_LINE = "return a - b;";
    static final String FIXED_LINE = "return a + b;";

    private SmallProject() {
    }

    /** Writes the project into {@code root}: a Calculator whose add subtracts, and an AGENTS.md. */
    static void create(Path root) throws IOException {
        Files.createDirectories(root.resolve("src/main/java/demo"));
        Files.writeString(root.resolve(CALCULATOR), """
                package demo;

                public class Calculator {
                    public int add(int a, int b) {
                        return a - b;
                    }
                }
                """);
        Files.writeString(root.resolve("AGENTS.md"), "Keep changes minimal.\n");
    }

    /** A reply calling one tool with the given JSON arguments. */
    static Reply call(String id, String tool, String arguments) {
        return Reply.toolCalls(new ToolCallReply(id, tool, arguments));
    }

    /** The three turns that fix the calculator: read, edit, finish. */
    static Reply[] fixTurns() {
        return new Reply[] {
            call("c1", "read_file", "{\"path\":\"" + CALCULATOR + "\"}").withUsage(1000, 20, 0, 0),
            call("c2", "edit_file", "{\"path\":\"" + CALCULATOR + "\",\"search\":\"" + BUGGY_LINE
                    + "\",\"replace\":\"" + FIXED_LINE + "\"}").withUsage(1100, 30, 1000, 0),
            call("c3", "finish", "{\"summary\":\"add() subtracted; it adds now.\"}").withUsage(1200, 10, 1100, 0)
        };
    }
}
