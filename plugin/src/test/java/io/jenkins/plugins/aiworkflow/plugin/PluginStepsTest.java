package io.jenkins.plugins.aiworkflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.step.Step;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameter;
import io.jenkins.plugins.aiworkflow.engine.step.StepParameters;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The steps' parameters are the engine's catalogue ({@link StepParameters}), no more, no less, and each has its
 * help file and its field in the Snippet Generator's form, so that the plugin, the CLI and docs/steps.md cannot
 * drift apart. {@code baseUrl} is the one catalogue parameter no step offers: a Jenkinsfile must not be able to send
 * a provider's key to another endpoint.
 */
class PluginStepsTest {
    private static final Map<Step, Class<? extends AiStep>> STEPS = Map.of(Step.VALIDATE, AiValidateStep.class,
            Step.IMPLEMENT, AiImplementStep.class, Step.REFINE, AiRefineStep.class, Step.REFINE_LOOP,
            AiRefineLoopStep.class);
    private static final Set<String> NOT_OFFERED = Set.of("baseUrl");

    @ParameterizedTest
    @EnumSource(Step.class)
    void shouldOfferExactlyTheCataloguesParameters(Step step) {
        Class<? extends AiStep> type = STEPS.get(step);

        Set<String> offered = new TreeSet<>(required(type));
        offered.addAll(setters(type));

        Set<String> catalogue = StepParameters.of(step).stream().map(StepParameter::name)
                .filter(name -> !NOT_OFFERED.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(offered).isEqualTo(catalogue);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void shouldRequireWhatTheCatalogueRequires(Step step) {
        Set<String> required = StepParameters.of(step).stream().filter(parameter -> parameter.isRequired(step))
                .map(StepParameter::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(required(STEPS.get(step)))).isEqualTo(required);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void shouldHaveAHelpFileAndAFormFieldForEveryParameter(Step step) throws IOException {
        Class<? extends AiStep> type = STEPS.get(step);
        String form = resource(type, "config.jelly");

        for (StepParameter parameter : StepParameters.of(step)) {
            if (NOT_OFFERED.contains(parameter.name())) {
                continue;
            }
            assertThat(resource(type, "help-" + parameter.name() + ".html"))
                    .as("help of %s says what the catalogue says", parameter.name())
                    .contains(parameter.description().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            assertThat(form).as("form field of %s", parameter.name())
                    .contains("field=\"" + parameter.name() + "\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void shouldAnswerTheEnginesDefaultForAParameterNotSet(Step step) throws Exception {
        Class<? extends AiStep> type = STEPS.get(step);
        Constructor<?> constructor = dataBoundConstructor(type);
        Object[] arguments = Arrays.stream(constructor.getParameters()).map(p -> "x").toArray();
        AiStep instance = (AiStep) constructor.newInstance(arguments);

        assertThat(instance.values()).containsOnlyKeys(required(type));
        for (String name : setters(type)) {
            StepParameter parameter = StepParameters.find(step, name).orElseThrow();
            Object answer = type.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                    .invoke(instance);
            assertThat(answer == null).as("%s answers null exactly when the engine has no default", name)
                    .isEqualTo(parameter.defaultValue() == null);
        }
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        return Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .findFirst().orElseThrow();
    }

    private static Set<String> required(Class<?> type) {
        return Arrays.stream(dataBoundConstructor(type).getParameters()).map(Parameter::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> setters(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4));
            }
        }
        return names;
    }

    private static String resource(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            assertThat(in).as("%s/%s", type.getSimpleName(), name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
