package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.ReportParser;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateParametersTest {
    private static final Baseline BASELINE = new Baseline("base.json", new TestCounts(3, 3, 0, 0, 0, 0), Set.of());
    /** Required, and a baseline so that newFailuresOnly may be set. */
    private static final Map<String, Object> BASE = Map.of("reports", "**/TEST-*.xml", "baseline", "base.json");

    static List<MappingCase<ValidationRequest>> cases() {
        return List.of(
                MappingCase.<ValidationRequest>of("reports", "a/*.xml, b/*.xml", ValidationRequest::reports,
                        List.of("a/*.xml", "b/*.xml")),
                MappingCase.of("command", "mvn -B test", ValidationRequest::command, "mvn -B test"),
                MappingCase.of("commandTimeout", "90s", ValidationRequest::commandTimeout, Duration.ofSeconds(90)),
                MappingCase.of("maxCommandOutputChars", 123, ValidationRequest::maxCommandOutputChars, 123),
                MappingCase.of("requireTests", false, r -> r.gate().requireTests(), false),
                MappingCase.of("maxFailures", 7, r -> r.gate().maxFailures(), 7L),
                MappingCase.of("minPassRate", "95%", r -> r.gate().minPassRate(), 0.95),
                MappingCase.of("allowTestDecrease", true, r -> r.gate().allowTestDecrease(), true),
                MappingCase.of("allowSkipIncrease", "true", r -> r.gate().allowSkipIncrease(), true),
                MappingCase.of("allowMissingTests", true, r -> r.gate().allowMissingTests(), true),
                MappingCase.of("allowNewlySkippedTests", true, r -> r.gate().allowNewlySkippedTests(), true),
                MappingCase.of("newFailuresOnly", true, r -> r.gate().newFailuresOnly(), true),
                MappingCase.of("allowFlaky", false, r -> r.gate().allowFlaky(), false),
                MappingCase.of("allowReportProblems", true, r -> r.gate().allowReportProblems(), true),
                MappingCase.of("acceptedExitCodes", List.of(0, 1), r -> List.copyOf(r.gate().acceptedExitCodes()),
                        List.of(0, 1)),
                MappingCase.of("parserThreads", 7, ValidationRequest::parserThreads, 7),
                MappingCase.of("maxMessageChars", 11, r -> r.textLimits().maxMessageChars(), 11),
                MappingCase.of("maxDetailsChars", 12, r -> r.textLimits().maxDetailsChars(), 12),
                MappingCase.of("maxTestOutputChars", 13, r -> r.textLimits().maxTestOutputChars(), 13),
                MappingCase.of("maxDetailedCases", 14, r -> r.textLimits().maxDetailedCases(), 14),
                MappingCase.of("maxKeptTextChars", 15, r -> r.textLimits().maxKeptTextChars(), 15),
                MappingCase.of("maxKeptNameChars", 16, r -> r.textLimits().maxKeptNameChars(), 16));
    }

    private static ValidationRequest request(Map<String, Object> values) {
        return ValidateParameters.of(values).toRequest(BASELINE);
    }

    @Test
    void shouldCoverEveryParameterTheRequestTakes() {
        Set<String> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.name()));
        assertThat(covered).isEqualTo(StepParametersTest.requestNames(Step.VALIDATE));
    }

    @Test
    void shouldMapEachParameterToTheRequestFieldItNames() {
        ValidationRequest defaults = request(BASE);
        for (MappingCase<ValidationRequest> c : cases()) {
            // when
            ValidationRequest request = request(c.values(BASE));

            // then: the field holds the given value, which is not its default
            assertThat(c.read().apply(request)).as(c.name()).isEqualTo(c.expected());
            assertThat(c.read().apply(defaults)).as(c.name() + " default").isNotEqualTo(c.expected());
        }
    }

    @Test
    void shouldUseTheEnginesDefaultsAndStateThemInTheCatalogue() {
        // given: the request the engine builds without the step layer
        ValidationRequest engine = ValidationRequest.builder().reports("**/TEST-*.xml").baseline(BASELINE).build();
        ValidationRequest notGiven = request(BASE);
        for (MappingCase<ValidationRequest> c : cases()) {
            // then: a parameter not given has the engine's default
            assertThat(c.read().apply(notGiven)).as(c.name()).isEqualTo(c.read().apply(engine));
            // and so does one given the catalogue's default
            Object documented = StepParameters.find(Step.VALIDATE, c.name()).orElseThrow().defaultValue();
            if (documented != null) {
                Map<String, Object> values = new LinkedHashMap<>(BASE);
                values.put(c.name(), documented);
                assertThat(c.read().apply(request(values))).as(c.name()).isEqualTo(c.read().apply(engine));
            }
        }
        assertThat(engine.gate().acceptedExitCodes()).isEqualTo(QualityGate.defaults().acceptedExitCodes());
        assertThat(notGiven.textLimits()).isEqualTo(TextLimits.DEFAULT);
        assertThat(notGiven.parserThreads()).isEqualTo(ReportParser.defaultThreads());
    }

    @Test
    void shouldHandTheAdapterItsParameters() {
        // given
        ValidateParameters parameters = ValidateParameters.of(Map.of("reports", "*.xml", "baseline", "base.json",
                "onFailure", "unstable"));
        ValidateParameters plain = ValidateParameters.of(Map.of("reports", "*.xml"));

        // then
        assertThat(parameters.baseline()).isEqualTo("base.json");
        assertThat(parameters.onFailure()).isEqualTo(OnFailure.UNSTABLE);
        assertThat(plain.onFailure()).isEqualTo(OnFailure.FAILURE);
        assertThat(plain.baseline()).isNull();
        assertThat(plain.toRequest(null).baseline()).isNull();
        assertThat(parameters.toRequest(BASELINE).baseline()).isSameAs(BASELINE);
    }

    @Test
    void shouldReadTheBaselineThroughTheWorkspace(@TempDir Path root) throws IOException {
        // given: a JSON result in the workspace
        Files.writeString(root.resolve("base.json"), """
                {"totals": {"tests": 3, "passed": 2, "failures": 1, "errors": 0, "skipped": 0, "flaky": 0},
                 "failures": [{"className": "a.B", "name": "c"}]}
                """, StandardCharsets.UTF_8);
        ValidateParameters parameters = ValidateParameters.of(Map.of("reports", "*.xml", "baseline", "base.json",
                "newFailuresOnly", true));

        // when
        Baseline baseline = parameters.readBaseline(new LocalWorkspace(root));
        ValidationRequest request = parameters.toRequest(baseline);

        // then
        assertThat(request.baseline().counts().failures()).isEqualTo(1);
        assertThat(request.baseline().source()).isEqualTo("base.json");
        assertThat(ValidateParameters.of(Map.of("reports", "*.xml")).readBaseline(new LocalWorkspace(root)))
                .isNull();
    }

    @Test
    void shouldRefuseABaselineThatIsMissingOutsideOrNoResult(@TempDir Path root) throws IOException {
        // given
        Files.writeString(root.resolve("not.json"), "[1, 2]", StandardCharsets.UTF_8);
        LocalWorkspace workspace = new LocalWorkspace(root);

        // then
        for (String path : List.of("missing.json", "../outside.json", "not.json")) {
            assertThatThrownBy(() -> ValidateParameters.of(Map.of("reports", "*.xml", "baseline", path))
                    .readBaseline(workspace))
                    .as(path)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.parameter()).contains("baseline"))
                    .hasMessageContaining("baseline '" + path + "'")
                    .hasMessageContaining("accepted: a JSON result file");
        }
    }

    @Test
    void shouldRefuseMissingReportsAndValuesTheRequestRefusesNamingTheParameter() {
        List<Object[]> refused = new ArrayList<>();
        refused.add(new Object[] {Map.of(), "reports"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "maxFailures", -1), "maxFailures"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "minPassRate", "150%"), "minPassRate"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "commandTimeout", "0s"), "commandTimeout"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "acceptedExitCodes", List.of()), "acceptedExitCodes"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "maxMessageChars", -2), "maxMessageChars"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "parserThreads", 0), "parserThreads"});
        refused.add(new Object[] {Map.of("reports", "*.xml", "newFailuresOnly", true), "newFailuresOnly"});
        refused.add(new Object[] {Map.of("reports", "/etc/*.xml"), "reports"});
        for (Object[] refusal : refused) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) refusal[0];
            assertThatThrownBy(() -> ValidateParameters.of(values).toRequest(null))
                    .as(values.toString())
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.parameter()).contains((String) refusal[1]))
                    .hasMessageContaining((String) refusal[1]);
        }
    }
}
