package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Console sample ✓")
class ConsoleJupiterTest {

    @Test
    void passes() {
        System.out.println("out from passes");
    }

    @Test
    @DisplayName("fails with <angle> & ampersand")
    void fails() {
        assertEquals("a", "b");
    }

    @Test
    void errors() {
        throw new IllegalArgumentException("bad argument");
    }

    @Test
    @Disabled("not ready")
    void disabled() {
    }

    @Test
    void aborted() {
        assumeTrue(false, "only on CI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpha", "beta", ""})
    void notEmpty(String s) {
        assertEquals(false, s.isEmpty(), "empty string");
    }

    @TestFactory
    Stream<DynamicTest> dynamic() {
        return Stream.of(
            dynamicTest("dyn ok", () -> { }),
            dynamicTest("dyn fails", () -> assertEquals(1, 2)));
    }

    @Nested
    class Inner {
        @Test
        void innerPasses() {
            System.err.println("err from inner");
        }
    }
}
