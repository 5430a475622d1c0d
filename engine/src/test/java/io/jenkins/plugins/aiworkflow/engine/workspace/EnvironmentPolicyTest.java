package io.jenkins.plugins.aiworkflow.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.sandbox.WorkspacePolicy;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnvironmentPolicyTest {
    private static Map<String, String> base() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        base.put("HOME", "/home/jenkins");
        base.put("LANG", "C.UTF-8");
        base.put("JAVA_HOME", "/opt/java");
        base.put("MAVEN_OPTS", "-Xmx1g");
        base.put("BUILD_NUMBER", "42");
        base.put("OPENAI_API_KEY", "sk-test-123");
        base.put("openai_api_key", "sk-lower-case");
        base.put("GITHUB_TOKEN", "ghp_abc");
        base.put("AWS_SECRET_ACCESS_KEY", "aws");
        base.put("DB_PASSWORD", "pw");
        base.put("SSH_AUTH_SOCK", "/tmp/agent.sock");
        base.put("GIT_ASKPASS", "/tmp/askpass.sh");
        base.put("MY_CREDENTIALS_FILE", "/tmp/creds");
        base.put("SESSION_COOKIE", "c");
        base.put("GPG_PRIVATE_KEY", "k");
        base.put("INNOCENT_LOOKING", "prefix-sk-test-123-suffix");
        base.put("HTTPS_PROXY", "http://user:hunter2@proxy:3128");
        base.put("NO_PROXY", "localhost");
        base.put("HTTP_PROXY", "http://proxy:3128");
        return base;
    }

    @Test
    void shouldDropVariablesWhoseNamesLookSecretOrWhoseValuesHoldASecret() {
        // given
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue("sk-test-123").build();

        // when
        Map<String, String> scrubbed = policy.scrub(base());

        // then
        assertThat(scrubbed).containsOnlyKeys("PATH", "HOME", "LANG", "JAVA_HOME", "MAVEN_OPTS", "BUILD_NUMBER",
                "NO_PROXY", "HTTP_PROXY");
        assertThat(scrubbed.values()).noneMatch(value -> value.contains("sk-test-123"));
        assertThat(policy.droppedNames(base())).contains("OPENAI_API_KEY", "INNOCENT_LOOKING", "HTTPS_PROXY")
                .doesNotContain("PATH");
    }

    @Test
    void shouldDropExtraNamesAndKeepExplicitExceptionsButNeverARegisteredSecretValue() {
        // given
        EnvironmentPolicy policy = EnvironmentPolicy.builder()
                .removeVariables(List.of("build_number"))
                .keepVariables(List.of("SESSION_COOKIE", "HTTPS_PROXY", "INNOCENT_LOOKING"))
                .secretValues(List.of("sk-test-123", " "))
                .build();

        // when
        Map<String, String> scrubbed = policy.scrub(base());

        // then
        assertThat(scrubbed).doesNotContainKeys("BUILD_NUMBER", "INNOCENT_LOOKING", "OPENAI_API_KEY")
                .containsKeys("SESSION_COOKIE", "HTTPS_PROXY");
        assertThat(policy.secretValueCount()).isEqualTo(1);
    }

    private static Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("MAVEN_OPTS", "-Xmx2g");
        overrides.put("EXTRA", "given");
        overrides.put("TOKEN_FILE", "/tmp/token");
        overrides.put("LEAK", "sk-test-123");
        overrides.put("HOME", "/home/sk-test-123");
        overrides.put("UNSET_BY_CALLER", "");
        overrides.put("LANG", "");
        return overrides;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        overrides.forEach((name, value) -> {
            if (value.isEmpty()) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        return merged;
    }

    @Test
    void shouldGiveACommandExactlyTheScrubbedEnvironmentAsRemovalsAndOverrides() {
        // given: each policy a command runs with: the agent's, the test command's, none
        EnvironmentPolicy agents = EnvironmentPolicy.builder().removeVariables(List.of("BUILD_NUMBER"))
                .secretValue("sk-test-123").build();
        for (EnvironmentPolicy policy : List.of(agents, agents.registeredSecretsOnly(), EnvironmentPolicy.none())) {
            // when
            CommandRequest request = policy.commandRequest("mvn -B test", base(), overrides(), Duration.ofMinutes(1),
                    1_000);

            // then: what the command starts with is what scrubbing the whole environment gives
            assertThat(request.environmentFrom(base())).as(policy.toString())
                    .isEqualTo(policy.scrub(merged(base(), overrides())));
        }
    }

    @Test
    void shouldRemoveEverySecretVariableAndNeverOverrideWithASecretValue() {
        // given
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue("sk-test-123").build();

        // when
        CommandRequest request = policy.commandRequest("mvn -B test", base(), overrides(), Duration.ofMinutes(1),
                1_000);

        // then: a base variable whose override would hold the secret goes; an empty override removes, as in Jenkins
        assertThat(request.removals()).contains("OPENAI_API_KEY", "openai_api_key", "INNOCENT_LOOKING", "HTTPS_PROXY",
                "GITHUB_TOKEN", "TOKEN_FILE", "LEAK", "HOME", "UNSET_BY_CALLER", "LANG").doesNotContain("PATH",
                "MAVEN_OPTS", "EXTRA");
        assertThat(request.overrides()).containsOnlyKeys("MAVEN_OPTS", "EXTRA");
        assertThat(request.overrides().values()).noneMatch(value -> value.contains("sk-test-123"));
        assertThat(request.environmentFrom(base())).doesNotContainKeys("HOME", "LANG")
                .allSatisfy((name, value) -> assertThat(value).doesNotContain("sk-test-123"));
    }

    @Test
    void shouldNeverPrintSecretValues() {
        // given
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue("sk-test-123").build();

        // then
        assertThat(policy.toString()).doesNotContain("sk-test-123").contains("1 registered");
        assertThat(WorkspacePolicy.builder().environment(policy).build().toString()).doesNotContain("sk-test-123");
    }

    @Test
    void shouldRedactRegisteredSecretValuesLongestFirst() {
        // given
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValues(List.of("sk-1", "sk-1234")).build();

        // when
        String redacted = policy.redact("key sk-1234 and sk-1.");

        // then
        assertThat(redacted).isEqualTo("key **** and ****.");
    }

    @Test
    void shouldMaskWhatACutLeftOfASecretNextToTheCut() {
        // given: a text cut after the parser's fashion, with a secret split by each cut and one kept whole
        String secret = "sk-0123456789abcdefghij";
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValue(secret).build();
        Pattern cut = Pattern.compile("\n\\[\\.\\.\\. \\d+ chars truncated \\.\\.\\.]\n");
        String text = "head sk-0123\n[... 99 chars truncated ...]\nghij " + secret + " middle sk-01234567"
                + "\n[... 5 chars truncated ...]\ndefghij tail sk-";

        // when
        String masked = policy.redactCut(text, cut);

        // then: the parts of 4 characters or more are masked, shorter ones and the markers stay
        assertThat(masked).isEqualTo("head ****\n[... 99 chars truncated ...]\n**** **** middle ****"
                + "\n[... 5 chars truncated ...]\n**** tail sk-");
        assertThat(policy.redactCut("no cut, " + secret + ", sk-01234", cut)).isEqualTo("no cut, ****, sk-01234");
        assertThat(EnvironmentPolicy.defaults().redactCut(text, cut)).isEqualTo(text);
    }

    @Test
    void shouldRefuseInvalidVariableNames() {
        assertThatThrownBy(() -> EnvironmentPolicy.builder().removeVariables(List.of("A=B")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("removeVariables has an invalid variable name 'A=B'");
    }

    @Test
    void shouldDropOnlyRegisteredSecretsWithoutTheNameRules() {
        // given: the agent's policy, as the test command gets it
        EnvironmentPolicy agents = EnvironmentPolicy.builder().removeVariables(List.of("OPENAI_API_KEY"))
                .secretValue("sk-test-123").build();

        // when
        EnvironmentPolicy testCommands = agents.registeredSecretsOnly();

        // then: variables that only look secret stay, registered ones go, by name and by value
        assertThat(testCommands.nameRules()).isFalse();
        assertThat(testCommands.droppedNames(base())).containsExactly("INNOCENT_LOOKING", "OPENAI_API_KEY",
                "openai_api_key");
        assertThat(testCommands.redact("key sk-test-123")).isEqualTo("key ****");
        assertThat(agents.nameRules()).isTrue();
    }

    @Test
    void shouldDropNothingWithoutRules() {
        assertThat(EnvironmentPolicy.none().scrub(base())).isEqualTo(base());
    }

    @Test
    void shouldRedactSecretsInAStreamAlsoWhereOneSpansTwoReads() throws IOException {
        // given: a source that hands out one byte at a time, so every secret spans reads
        EnvironmentPolicy policy = EnvironmentPolicy.builder().secretValues(List.of("sk-1", "sk-1234", "ünï")).build();
        String text = "a sk-1234 b sk-1 c sk-12 ünï sk-" + "x".repeat(20_000) + "sk-1234";
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };

        // when
        String redacted;
        try (InputStream in = policy.redact(trickle)) {
            redacted = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // then
        assertThat(redacted).isEqualTo("a **** b **** c ****2 **** sk-" + "x".repeat(20_000) + "****");
    }

    @Test
    void shouldLeaveAStreamAsItIsWithoutSecretValues() {
        // given
        InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3});

        // then
        assertThat(EnvironmentPolicy.defaults().redact(in)).isSameAs(in);
    }
}
