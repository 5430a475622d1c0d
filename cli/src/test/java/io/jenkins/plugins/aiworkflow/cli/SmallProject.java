package io.jenkins.plugins.aiworkflow.cli;

import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny project with a bug for the agent to fix, and the scripted model turns that fix it; and one with two bugs
 * and a test command, for the refine loop.
 */
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

    static final String REFINE_TEST_COMMAND = "sh tests/run.sh";
    static final String REFINE_REPORTS = "target/reports/TEST-*.xml";
    static final String NEGATE_BUGGY_LINE = "return a;";
    static final String NEGATE_FIXED_LINE = "return -a;";

    /**
     * Writes a project with two bugs into {@code root}: {@code add} subtracts and {@code negate} returns its
     * argument. Its test command {@value #REFINE_TEST_COMMAND} (a shell script under {@code tests/}, a test source
     * the tamper guard makes read-only) writes a JUnit XML report with one test per method, each checking the
     * method's line, exits 1 when one fails, and writes its environment to {@code target/test-env.txt}.
     */
    static void createRefinable(Path root) throws IOException {
        Files.createDirectories(root.resolve("src/main/java/demo"));
        Files.writeString(root.resolve(CALCULATOR), """
                package demo;

                public class Calculator {
                    public int add(int a, int b) {
                        return a - b;
                    }

                    public int negate(int a) {
                        return a;
                    }
                }
                """);
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("tests/run.sh"), """
                #!/bin/sh
                # The tests of Calculator: each checks its method's line, a compiler-free stand-in for real tests.
                mkdir -p target/reports
                env > target/test-env.txt
                failures=0
                cases=""
                check() {
                    if grep -qF -- "$2" src/main/java/demo/Calculator.java; then
                        cases="$cases<testcase classname='demo.CalculatorTest' name='$1' time='0.001'/>"
                    else
                        failures=$((failures + 1))
                        cases="$cases<testcase classname='demo.CalculatorTest' name='$1' time='0.001'><failure \
                message='expected the line $2' type='AssertionError'>AssertionError: expected the line $2</failure>\
                </testcase>"
                    fi
                }
                check shouldAdd "return a + b;"
                check shouldNegate "return -a;"
                printf '<?xml version="1.0" encoding="UTF-8"?>\\n<testsuite name="demo.CalculatorTest" tests="2" \
                failures="%s" errors="0" skipped="0">%s</testsuite>\\n' "$failures" "$cases" \
                > target/reports/TEST-demo.CalculatorTest.xml
                [ "$failures" -eq 0 ]
                """);
        Files.writeString(root.resolve(".gitignore"), "target/\n");
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
