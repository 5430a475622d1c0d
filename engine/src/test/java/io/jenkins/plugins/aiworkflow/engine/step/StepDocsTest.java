package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/steps.md names every parameter and returned key of each step, in that step's section, so it cannot drift. */
class StepDocsTest {
    private static String docs;

    @BeforeAll
    static void readDocs() throws IOException {
        // the engine module's tests run in engine/
        docs = Files.readString(Path.of("..", "docs", "steps.md"), StandardCharsets.UTF_8);
    }

    /** The text from the step's heading to the next step's. */
    private static String section(Step step) {
        int start = docs.indexOf("\n## " + step.functionName() + "\n");
        assertThat(start).as("a section '## %s'", step.functionName()).isNotNegative();
        int end = docs.indexOf("\n## ", start + 1);
        return end < 0 ? docs.substring(start) : docs.substring(start, end);
    }

    @Test
    void shouldListEveryParameterWithItsTypeAndDefault() {
        for (Step step : Step.values()) {
            String section = section(step);
            for (StepParameter parameter : StepParameters.of(step)) {
                // then: a table row starting with the name, giving the type and the default
                String marker = parameter.resolution() == StepParameter.Resolution.ADAPTER ? " \u2020" : "";
                String type = parameter.type() == ParameterType.CHOICE
                        ? String.join(" \\| ", parameter.choices()) : parameter.type().label();
                String row = "| `" + parameter.name() + "`" + marker + " | " + type + " | ";
                assertThat(section).as("%s %s", step.functionName(), parameter.name()).contains(row);
                String rowText = section.substring(section.indexOf(row));
                rowText = rowText.substring(0, rowText.indexOf('\n'));
                assertThat(rowText).as("%s %s default", step.functionName(), parameter.name())
                        .contains(parameter.isRequired(step) ? "**required**" : parameter.defaultText());
            }
        }
    }

    @Test
    void shouldListEveryReturnedKey() {
        for (Step step : Step.values()) {
            String section = section(step);
            for (StepResults.ResultKey key : StepResults.keys(step)) {
                assertThat(section).as("%s returns %s", step.functionName(), key.name())
                        .contains("| `" + key.name() + "` | " + key.type());
            }
        }
    }

    @Test
    void shouldStateTheBoundsOfTheMaps() {
        assertThat(docs).contains("| 20 each;", "| 100;", "| 1,000 characters each |", "| 500 characters |",
                "| 4,000 characters |", "| 20,000 characters", "about 150,000 characters");
        assertThat(StepResults.MAX_LISTED).isEqualTo(20);
        assertThat(StepResults.MAX_LISTED_FILES).isEqualTo(100);
        assertThat(StepResults.MAX_TEXT_CHARS).isEqualTo(1_000);
        assertThat(StepResults.MAX_FAILURE_MESSAGE_CHARS).isEqualTo(500);
        assertThat(StepResults.MAX_NAME_CHARS).isEqualTo(500);
        assertThat(StepResults.MAX_SUMMARY_CHARS).isEqualTo(4_000);
        assertThat(StepResults.MAX_DIFF_CHARS).isEqualTo(20_000);
        assertThat(StepResults.MAX_MAP_CHARS).isEqualTo(150_000);
    }

    @Test
    void shouldKeepASectionForThePluginsOwnBehaviour() {
        assertThat(docs).contains("## Jenkins specifics", "onFailure", "catchError", "retry", "timeout", "parallel",
                "input", "container");
    }
}
