package io.jenkins.plugins.aiworkflow.plugin.config;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Configuration as Code's own round trip of configuration-as-code.yaml: configure, check and apply through the web
 * UI, restart with it as $JENKINS_HOME/jenkins.yaml, and the configuration is the same each time.
 */
class AiWorkflowConfigurationRoundTripTest extends AbstractRoundTripTest {
    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        AiWorkflowConfigurationCascTest.assertConfiguredAsInTheYaml(AiWorkflowConfiguration.get());
    }

    @Override
    protected String stringInLogExpected() {
        return "maxTimeoutMinutes = 45";
    }
}
