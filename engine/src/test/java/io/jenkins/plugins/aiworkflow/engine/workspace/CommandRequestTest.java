package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A command's environment is what it starts from (the workspace's) without the removals and with the
 * overrides: what a Jenkins {@code Launcher} can do on every node, so every implementation of the port gives
 * the same environment.
 */
class CommandRequestTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void shouldNameTheVariablesButNeverPrintTheirValues() {
        // given
        CommandRequest request = new CommandRequest("env", Map.of("MAVEN_OPTS", "-Xmx1g-secretish"),
                Set.of("OPENAI_API_KEY"), MINUTE, 1_000);

        // then
        assertThat(request.toString()).contains("MAVEN_OPTS", "OPENAI_API_KEY").doesNotContain("-Xmx1g-secretish");
    }

    @Test
    void shouldApplyRemovalsThenOverridesToTheEnvironmentACommandStartsFrom() {
        // given
        Map<String, String> base = new LinkedHashMap<>();
        base.put("PATH", "/usr/bin");
        base.put("REMOVED", "x");
        base.put("BOTH", "base");
        base.put("REPLACED", "old");
        CommandRequest request = new CommandRequest("env", Map.of("REPLACED", "new", "BOTH", "override", "ADDED", "a"),
                Set.of("REMOVED", "BOTH", "ABSENT"), MINUTE, 1_000);

        // when
        Map<String, String> environment = request.environmentFrom(base);

        // then
        assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/usr/bin", "BOTH", "override",
                "REPLACED", "new", "ADDED", "a"));
        assertThat(base).containsKey("REMOVED");
    }

    @Test
    void shouldHaveNoRemovalsWhenOnlyOverridesAreGiven() {
        assertThat(new CommandRequest("env", Map.of("A", "1"), MINUTE, 1_000).removals()).isEmpty();
        assertThat(new CommandRequest("env", null, null, MINUTE, 1_000).overrides()).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyOverrideValueWhichAJenkinsLauncherWouldTakeForARemoval() {
        assertThatThrownBy(() -> new CommandRequest("env", Map.of("EMPTY", ""), MINUTE, 1_000))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("overrides: variable 'EMPTY' has an empty value")
                .hasMessageContaining("name it in removals")
                .extracting(e -> ((InvalidRequestException) e).parameter().orElseThrow()).isEqualTo("overrides");
    }

    @Test
    void shouldRefuseNamesNoEnvironmentCanHold() {
        assertThatThrownBy(() -> new CommandRequest("env", Map.of("A=B", "1"), MINUTE, 1_000))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("overrides has an invalid variable "
                        + "name 'A=B'");
        assertThatThrownBy(() -> new CommandRequest("env", Map.of(), Set.of(""), MINUTE, 1_000))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("removals has an invalid variable "
                        + "name ''");
        assertThatThrownBy(() -> new CommandRequest("env", Map.of("NUL", "a\0b"), MINUTE, 1_000))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("variable 'NUL' has a NUL");
    }

    @Test
    void shouldRefuseAnOverrideNameWithAPlusWhichAJenkinsLauncherWouldPrependToAnotherVariable() {
        assertThatThrownBy(() -> new CommandRequest("env", Map.of("PATH+TOOLS", "/opt/tools/bin"), MINUTE, 1_000))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("overrides has an invalid variable name 'PATH+TOOLS'");
    }
}
