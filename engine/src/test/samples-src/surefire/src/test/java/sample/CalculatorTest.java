package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalculatorTest {

    @Test
    void addsNumbers() {
        assertEquals(4, 2 + 2);
    }

    @Test
    void failsAssertion() {
        assertEquals(5, 2 + 2, "2 + 2 should be 5");
    }

    @Test
    void throwsException() {
        throw new IllegalStateException("boom: <unexpected> & \"quoted\"");
    }

    @Test
    @Disabled
    void disabledWithoutReason() {
    }

    @Test
    @Disabled("waiting for JIRA-123")
    void disabledWithReason() {
    }

    @Test
    @DisplayName("prints to stdout and stderr")
    void printsOutput() {
        System.out.println("hello from stdout");
        System.err.println("hello from stderr");
        assertTrue(true);
    }

    @Test
    void printsThenFails() {
        System.out.println("stdout before failure");
        System.err.println("stderr before failure");
        assertTrue(false, "printed then failed");
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} = {2}")
    @CsvSource({"1, 1, 2", "2, 3, 5", "3, 3, 7"})
    void parameterizedAdd(int a, int b, int expected) {
        assertEquals(expected, a + b);
    }
}
