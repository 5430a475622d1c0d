package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PluginLoadsTest {
    @Test
    void shouldLoadThePluginWithItsDependencies(JenkinsRule j) {
        assertThat(j.jenkins.getPluginManager().getPlugin("ai-workflow")).isNotNull();
        assertThat(j.jenkins.getPluginManager().getPlugin("workflow-step-api")).isNotNull();
    }
}
