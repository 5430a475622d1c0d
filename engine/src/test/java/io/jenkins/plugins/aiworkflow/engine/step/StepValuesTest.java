package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class StepValuesTest {
    /** A Groovy GString is a CharSequence, not a String. */
    private static CharSequence gstring(String text) {
        return new StringBuilder(text);
    }

    @Test
    void shouldRefuseAnUnknownNameSuggestingTheClosestAndListingTheAccepted() {
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("maxFailure", 1)), "maxFailure")
                .hasMessageStartingWith("aiValidate has no parameter 'maxFailure'; did you mean 'maxFailures'?; "
                        + "accepted: reports, command, ")
                .hasMessageContaining("onFailure");
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("Intent", "x")), "Intent")
                .hasMessageContaining("did you mean 'intent'?");
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("colour", "blue")), "colour")
                .hasMessageNotContaining("did you mean")
                .hasMessageContaining("accepted: intent, context, ");
    }

    @Test
    void shouldSayWhichStepsTakeANameAnotherStepDoesNot() {
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("intent", "x")), "intent")
                .hasMessageStartingWith("aiValidate has no parameter 'intent' (it is a parameter of aiImplement and "
                        + "aiRefine); accepted: reports");
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("onFailure", "NONE")), "onFailure")
                .hasMessageContaining("(it is a parameter of aiValidate, aiRefine and aiRefineLoop)");
    }

    @Test
    void shouldRefuseANullName() {
        Map<String, Object> values = new HashMap<>();
        values.put(null, "x");
        assertThatThrownBy(() -> StepValues.of(Step.VALIDATE, values))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("aiValidate has no parameter 'null'");
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeNamingTheParameterAndWhatIsAccepted() {
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("requireTests", "yes")), "requireTests")
                .hasMessage("aiValidate parameter requireTests: 'yes' is not a boolean; accepted: true or false");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("maxFailures", 1.5)), "maxFailures")
                .hasMessage("aiValidate parameter maxFailures: 1.5 (a decimal number) is not a whole number from "
                        + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "; accepted: a whole number such as 3");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("maxMessageChars", 3_000_000_000L)),
                "maxMessageChars").hasMessageContaining("is not a whole number from -2147483648 to 2147483647");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("command", List.of("mvn", "test"))), "command")
                .hasMessage("aiValidate parameter command: [mvn, test] (a list) is not a string; accepted: a string");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("commandTimeout", 90)), "commandTimeout")
                .hasMessage("aiValidate parameter commandTimeout: 90 (a whole number) is not a duration (a number needs a "
                        + "unit); accepted: a duration such as '90s', '30m', '2h', '1h30m' or ISO-8601 'PT1H'");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("reports", 3)), "reports")
                .hasMessageContaining("is not a list or a string; accepted: a list of Ant-style patterns");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("reports", List.of("a", 3))), "reports")
                .hasMessageContaining("the list holds 3 (a whole number), not a string");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("acceptedExitCodes", List.of("0", "x"))),
                "acceptedExitCodes").hasMessageContaining("'x' is not a whole number");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("acceptedExitCodes", true)), "acceptedExitCodes")
                .hasMessageContaining("true (a boolean) is not a list of exit codes");
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("maxCostUsd", Double.NaN)), "maxCostUsd")
                .hasMessageContaining("is not a finite number");
    }

    @Test
    void shouldRefuseValuesNotOfTheNotationSayingWhatIsAccepted() {
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("commandTimeout", "soon")), "commandTimeout")
                .hasMessage("aiValidate parameter commandTimeout: 'soon' is not a duration; accepted: a number with a "
                        + "unit (ms, s, m, h, d) such as 90s, 30m, 2h or 1h30m, or ISO-8601 such as PT1H");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("minPassRate", "most")), "minPassRate")
                .hasMessageContaining("'most' is not a pass rate; accepted: a share from 0 to 1");
        assertRefused(() -> StepValues.of(Step.VALIDATE, Map.of("onFailure", "ABORTED")), "onFailure")
                .hasMessage("aiValidate parameter onFailure: 'ABORTED' is not a choice of onFailure; accepted: one "
                        + "of FAILURE, UNSTABLE, NONE (any letter case)");
        assertRefused(() -> StepValues.of(Step.REFINE, Map.of("keep", "first")), "keep")
                .hasMessageContaining("accepted: one of best, last, none");
        assertRefused(() -> StepValues.of(Step.REFINE, Map.of("maxIterations", "many")), "maxIterations")
                .hasMessageContaining("'many' is not a whole number");
    }

    @Test
    void shouldKeepTheMessageOfAHostileValueBounded() {
        // given: a megabyte where a duration goes
        String hostile = "9".repeat(1_000_000) + "x";

        // then
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("timeout", hostile)), "timeout")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_200)
                        .contains("chars truncated", "accepted: "));
        assertRefused(() -> StepValues.of(Step.IMPLEMENT, Map.of("maxTurns", List.of(hostile))), "maxTurns")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_200));
        assertThatThrownBy(() -> StepValues.of(Step.VALIDATE, Map.of(hostile, 1)))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_200).contains("accepted: reports"));
    }

    @Test
    void shouldReadWhatAJenkinsfileWrites() {
        // given: Groovy's numbers, GStrings, lists, and strings in the CLI's notation
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("reports", gstring("a/*.xml\nb/*.xml, c/*.xml"));
        given.put("maxFailures", new BigDecimal("3.0"));
        given.put("minPassRate", new BigDecimal("0.95"));
        given.put("requireTests", " FALSE ");
        given.put("commandTimeout", Duration.ofMinutes(5));
        given.put("acceptedExitCodes", List.of(0, new BigInteger("1"), "2"));
        given.put("maxMessageChars", "200");
        given.put("onFailure", "unstable");
        given.put("command", null);

        // when
        StepValues values = StepValues.of(Step.VALIDATE, given);

        // then
        assertThat(values.strings("reports")).containsExactly("a/*.xml", "b/*.xml", "c/*.xml");
        assertThat(values.longValue("maxFailures")).isEqualTo(3L);
        assertThat(values.decimal("minPassRate")).isEqualTo(0.95);
        assertThat(values.bool("requireTests")).isFalse();
        assertThat(values.duration("commandTimeout")).isEqualTo(Duration.ofMinutes(5));
        assertThat(values.codes("acceptedExitCodes")).containsExactly(0, 1, 2);
        assertThat(values.integer("maxMessageChars")).isEqualTo(200);
        assertThat(values.choice("onFailure")).isEqualTo("UNSTABLE");
        assertThat(values.isSet("command")).as("null is not given").isFalse();
        assertThat(values.text("command")).isNull();
        assertThat(values.names()).containsExactly("reports", "maxFailures", "minPassRate", "requireTests",
                "commandTimeout", "acceptedExitCodes", "maxMessageChars", "onFailure");
    }

    @Test
    void shouldKeepCommandsAndInstructionsWholeButSplitLines() {
        // when
        StepValues values = StepValues.of(Step.IMPLEMENT, Map.of(
                "commands", "mvn -B -q test -Dtest=A,B\n./gradlew test\n\n",
                "instructions", List.of("docs/a, b.md", " ")));

        // then
        assertThat(values.strings("commands")).containsExactly("mvn -B -q test -Dtest=A,B", "./gradlew test");
        assertThat(values.strings("instructions")).containsExactly("docs/a, b.md");
    }

    @Test
    void shouldAcceptExitCodesAsOneNumberOrAString() {
        assertThat(StepValues.of(Step.VALIDATE, Map.of("acceptedExitCodes", 1)).codes("acceptedExitCodes"))
                .containsExactly(1);
        assertThat(StepValues.of(Step.VALIDATE, Map.of("acceptedExitCodes", "0, 1")).codes("acceptedExitCodes"))
                .containsExactly(0, 1);
    }

    @Test
    void shouldFindTheClosestNameOnlyWhenItIsNearEnough() {
        List<String> known = List.of("maxFailures", "minPassRate", "reports");
        assertThat(StepValues.closest("maxfailure", known)).isEqualTo("maxFailures");
        assertThat(StepValues.closest("report", known)).isEqualTo("reports");
        assertThat(StepValues.closest("timeout", known)).isNull();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowableAssert.ThrowingCallable call, String parameter) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.parameter()).contains(parameter));
    }
}
