package io.jenkins.plugins.aiworkflow.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.Implementation;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.PriceTable;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI is an adapter (DESIGN.md §1): options into one engine request, one call, the result rendered. */
class CliArchitectureTest {
    private static final String ENGINE = "io.jenkins.plugins.aiworkflow.engine";
    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.aiworkflow.cli");
    }

    @Test
    void shouldImplementOnlyThroughTheEnginesEntryPoint() {
        // the request and result types (the usage a refine result reports among them), the values a request is
        // made of, and the workspace port's local version; refine's entry point, request and result are in the
        // refine package, which only holds those
        noClasses().should().dependOnClassesThat(resideInAnyPackage(ENGINE + ".agent..", ENGINE + ".context..",
                        ENGINE + ".ledger..", ENGINE + ".llm..", ENGINE + ".workspace..", ENGINE + ".sandbox..",
                        ENGINE + ".pattern..")
                        .and(not(belongToAnyOf(Implementation.class, ImplementationRequest.class, AgentResult.class,
                                AgentStatus.class, StopReason.class, Totals.class, Usage.class, Cost.class,
                                OpenAiModelConfig.class, ApiKey.class, PriceTable.class, LocalWorkspace.class,
                                WorkspaceException.class))))
                .because("the CLI, like the plugin, translates its options into one engine request, calls the "
                        + "entry point and renders the result; what a run is made of (the agent, its model, "
                        + "ledger, transcript, sandbox, policy and secrets) is the engine's to decide")
                .check(cli);
    }
}
