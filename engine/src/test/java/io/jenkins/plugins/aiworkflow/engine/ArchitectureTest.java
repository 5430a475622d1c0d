package io.jenkins.plugins.aiworkflow.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's package rules (DESIGN.md §2): no Jenkins types, dependencies only point downwards. */
class ArchitectureTest {
    private static final String ENGINE = "io.jenkins.plugins.aiworkflow.engine";
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    @Test
    void shouldNotDependOnJenkins() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..")
                .because("the engine is a plain Java library; the plugin adapts it to Jenkins")
                .check(engine);
    }

    @Test
    void shouldKeepTheTopPackageNeutral() {
        // what every step's request throws (InvalidRequestException) may be used by all and uses none
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".*..")
                .check(engine);
    }

    @Test
    void shouldKeepTheLowestPackagesFreeOfHigherOnes() {
        noClasses().that().resideInAnyPackage(ENGINE + ".text..", ENGINE + ".log..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".report..", ENGINE + ".pattern..",
                        ENGINE + ".workspace..", ENGINE + ".sandbox..", ENGINE + ".validate..", ENGINE + ".output..")
                .check(engine);
    }

    @Test
    void shouldKeepPatternMatchingFreeOfEverythingButText() {
        // globs, git's wildmatch and .gitignore rules match strings and bytes; reading the files is the port's
        noClasses().that().resideInAPackage(ENGINE + ".pattern..")
                .should().dependOnClassesThat(resideInAPackage(ENGINE + "..")
                        .and(not(resideInAnyPackage(ENGINE + ".pattern..", ENGINE + ".text.."))))
                .check(engine);
    }

    @Test
    void shouldKeepReportAndWorkspaceIndependentOfEachOtherAndOfTheGate() {
        noClasses().that().resideInAPackage(ENGINE + ".report..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".pattern..", ENGINE + ".workspace..",
                        ENGINE + ".sandbox..", ENGINE + ".validate..", ENGINE + ".output..")
                .check(engine);
        noClasses().that().resideInAPackage(ENGINE + ".workspace..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".report..", ENGINE + ".validate..",
                        ENGINE + ".output..")
                .check(engine);
    }

    @Test
    void shouldKeepThePortBelowTheSandbox() {
        // what an agent may do is decided above the port, so that every implementation gets the same policy
        noClasses().that().resideInAPackage(ENGINE + ".workspace..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".sandbox..", ENGINE + ".agent..",
                        ENGINE + ".context..", ENGINE + ".llm..", ENGINE + ".ledger..")
                .because("the Workspace port and what crosses it do not know the agent's sandbox that uses them")
                .check(engine);
        // the sandbox stands on the port and pattern matching, below everything that uses it
        noClasses().that().resideInAPackage(ENGINE + ".sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".agent..", ENGINE + ".context..",
                        ENGINE + ".llm..", ENGINE + ".ledger..", ENGINE + ".report..", ENGINE + ".validate..",
                        ENGINE + ".output..")
                .check(engine);
    }

    @Test
    void shouldKeepTheModelAndLedgerFreeOfFilesAndAgents() {
        noClasses().that().resideInAPackage(ENGINE + ".llm..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".ledger..", ENGINE + ".pattern..",
                        ENGINE + ".workspace..", ENGINE + ".sandbox..", ENGINE + ".context..", ENGINE + ".agent..",
                        ENGINE + ".report..", ENGINE + ".validate..", ENGINE + ".output..")
                .check(engine);
        noClasses().that().resideInAPackage(ENGINE + ".ledger..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".pattern..", ENGINE + ".workspace..",
                        ENGINE + ".sandbox..", ENGINE + ".context..", ENGINE + ".agent..", ENGINE + ".report..",
                        ENGINE + ".validate..", ENGINE + ".output..")
                .check(engine);
    }

    @Test
    void shouldKeepContextBelowTheAgent() {
        noClasses().that().resideInAPackage(ENGINE + ".context..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".agent..", ENGINE + ".llm..",
                        ENGINE + ".ledger..", ENGINE + ".report..", ENGINE + ".validate..", ENGINE + ".output..")
                .check(engine);
    }

    @Test
    void shouldKeepTheAgentAndTheGateApart() {
        noClasses().that().resideInAPackage(ENGINE + ".agent..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".report..", ENGINE + ".validate..",
                        ENGINE + ".output..")
                .check(engine);
        // the test command's EnvironmentPolicy is the port's; the agent's sandbox is none of the gate's business
        noClasses().that().resideInAnyPackage(ENGINE + ".validate..", ENGINE + ".report..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".agent..", ENGINE + ".llm..",
                        ENGINE + ".ledger..", ENGINE + ".context..", ENGINE + ".sandbox..")
                .check(engine);
    }

    @Test
    void shouldKeepTheLoopOnTopOfItsParts() {
        // refine drives agent and validate; only output (its reports), step (its returned map) and the adapters
        // read refine's results
        noClasses().that().resideOutsideOfPackages(ENGINE + ".refine..", ENGINE + ".output..", ENGINE + ".step..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".refine..")
                .because("the refine loop uses the steps below it; none of them knows the loop")
                .check(engine);
    }

    @Test
    void shouldKeepOutputOnTopOfTheResultsItRenders() {
        // output reads the results of validate and agent (and later refine); none of them reads it
        noClasses().that().resideOutsideOfPackage(ENGINE + ".output..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".output..")
                .because("dependencies point downwards: output renders results, the CLI and the plugin use it")
                .check(engine);
    }

    @Test
    void shouldKeepTheStepsOnTopAndApartFromOutput() {
        // the step parameters and returned maps are what the adapters translate with; nothing below knows them
        noClasses().that().resideOutsideOfPackage(ENGINE + ".step..")
                .should().dependOnClassesThat().resideInAPackage(ENGINE + ".step..")
                .because("the steps' parameters and maps sit on the entry points; the CLI and the plugin use them")
                .check(engine);
        // they map onto the requests and read the results; renderings and the agent's inner parts are not theirs
        noClasses().that().resideInAPackage(ENGINE + ".step..")
                .should().dependOnClassesThat(resideInAPackage(ENGINE + "..")
                        .and(not(resideInAnyPackage(ENGINE, ENGINE + ".step..", ENGINE + ".validate..",
                                ENGINE + ".agent..", ENGINE + ".refine..", ENGINE + ".report..",
                                ENGINE + ".workspace..", ENGINE + ".ledger..", ENGINE + ".llm..", ENGINE + ".text.."))))
                .because("a step's map is not a rendering (output) and the mapping only builds requests")
                .check(engine);
    }
}
