package io.jenkins.plugins.aiworkflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.step.ParameterType;
import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameter;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CLI's options are the engine's step parameters (engine.step.StepParameters) in kebab case, so that the CLI, the
 * plugin and the docs cannot drift apart: every option of validate, implement and refine sets a parameter of that
 * step by the same name, and every parameter has its option, but for the short lists below.
 */
class StepNamesTest {
    /** Options that are the command line's own: where files are, what is written, where the key is read from. */
    private static final Set<String> CLI_ONLY = Set.of("--workspace", "--json", "--markdown", "--transcript",
            "--report-dir", "--api-key-env", "--prices");
    /** Options named for how the command line takes them: one --allow-command per command. */
    private static final Map<String, String> NAMED_FOR_THE_CLI = Map.of("--allow-command", "commands");
    /** Other names of an option. */
    private static final Map<String, String> ALIASES = Map.of("--threads", "--parser-threads");
    /** Parameters only a Pipeline step has: the build result, the credential. */
    private static final Set<String> PIPELINE_ONLY = Set.of("onFailure", "credentialsId");

    private static Map<Step, AiwfCommand> commands() {
        return Map.of(Step.VALIDATE, new ValidateCommand(Map.of()), Step.IMPLEMENT, new ImplementCommand(Map.of()),
                Step.REFINE, new RefineCommand(Map.of()));
    }

    @Test
    void shouldNameEveryOptionAfterAParameterOfItsStep() {
        commands().forEach((step, command) -> {
            // given
            assertThat(command.name()).isEqualTo(step.command());
            for (CliOption option : command.options()) {
                if (CLI_ONLY.contains(option.name())) {
                    continue;
                }
                // when
                String parameter = NAMED_FOR_THE_CLI.getOrDefault(option.name(), RefineCommand.camelCase(option.name()));

                // then
                assertThat(StepParameters.find(step, parameter)).as("aiwf %s %s", step.command(), option.name())
                        .isPresent();
                if (!NAMED_FOR_THE_CLI.containsKey(option.name())) {
                    assertThat(StepParameters.find(step, parameter).orElseThrow().optionName())
                            .isEqualTo(option.name());
                }
                if (option.alias() != null) {
                    assertThat(ALIASES).containsEntry(option.alias(), option.name());
                }
            }
        });
    }

    @Test
    void shouldTakeValuesAsTheParameterDoes() {
        commands().forEach((step, command) -> {
            for (CliOption option : command.options()) {
                if (CLI_ONLY.contains(option.name())) {
                    continue;
                }
                // given
                String name = NAMED_FOR_THE_CLI.getOrDefault(option.name(), RefineCommand.camelCase(option.name()));
                ParameterType type = StepParameters.find(step, name).orElseThrow().type();

                // then: switches are booleans, comma lists globs or codes, repeated options whole entries
                CliOption.Kind expected = switch (type) {
                    case BOOLEAN -> CliOption.Kind.SWITCH;
                    case GLOBS, EXIT_CODES -> CliOption.Kind.LIST;
                    case LINES -> CliOption.Kind.REPEATED;
                    default -> CliOption.Kind.VALUE;
                };
                assertThat(option.kind()).as("aiwf %s %s", step.command(), option.name()).isEqualTo(expected);
            }
        });
    }

    @Test
    void shouldHaveAnOptionForEveryParameterButThePipelinesOwn() {
        commands().forEach((step, command) -> {
            // given
            List<String> options = new ArrayList<>();
            for (CliOption option : command.options()) {
                options.add(option.name());
            }

            // then
            for (StepParameter parameter : StepParameters.of(step)) {
                if (PIPELINE_ONLY.contains(parameter.name())) {
                    continue;
                }
                String option = NAMED_FOR_THE_CLI.entrySet().stream()
                        .filter(entry -> entry.getValue().equals(parameter.name())).map(Map.Entry::getKey)
                        .findFirst().orElse(parameter.optionName());
                assertThat(options).as("aiwf %s has %s (%s)", step.command(), option, parameter.name())
                        .contains(option);
            }
        });
    }

    @Test
    void shouldKeepTheExceptionsShort() {
        assertThat(CLI_ONLY.size() + NAMED_FOR_THE_CLI.size() + ALIASES.size() + PIPELINE_ONLY.size())
                .isLessThanOrEqualTo(12);
        for (String parameter : PIPELINE_ONLY) {
            assertThat(StepParameters.stepsWith(parameter)).as(parameter).isNotEmpty();
        }
        assertThat(StepParameters.stepsWith("commands")).contains(Step.IMPLEMENT, Step.REFINE);
    }

    @Test
    void shouldShowTheCataloguesDefaultsInHelp() {
        commands().forEach((step, command) -> {
            Map<String, String> help = command.help().defaults();
            for (StepParameter parameter : StepParameters.of(step)) {
                String shown = help.get(parameter.optionName());
                if (shown != null && parameter.defaultValue() != null
                        && parameter.type() != ParameterType.EXIT_CODES) {
                    assertThat(shown).as("aiwf %s %s", step.command(), parameter.optionName())
                            .isEqualTo(parameter.defaultValue().toString());
                }
            }
        });
    }
}
