package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Run with -Dsurefire.rerunFailingTestsCount=2. Reruns happen in the same JVM,
 * so static counters survive between attempts.
 */
class FlakyTest {

    private static final AtomicInteger FAIL_ONCE = new AtomicInteger();
    private static final AtomicInteger ERROR_ONCE = new AtomicInteger();
    private static final AtomicInteger FAIL_TWICE = new AtomicInteger();

    @Test
    void failsFirstTimeThenPasses() {
        System.out.println("attempt " + (FAIL_ONCE.get() + 1));
        if (FAIL_ONCE.incrementAndGet() == 1) {
            fail("flaky assertion on first attempt");
        }
    }

    @Test
    void errorsFirstTimeThenPasses() {
        if (ERROR_ONCE.incrementAndGet() == 1) {
            throw new RuntimeException("flaky error on first attempt");
        }
    }

    @Test
    void failsTwiceThenPasses() {
        if (FAIL_TWICE.incrementAndGet() <= 2) {
            assertEquals("expected", "attempt-" + FAIL_TWICE.get());
        }
    }

    @Test
    void alwaysFails() {
        System.out.println("alwaysFails attempt");
        fail("always fails");
    }

    @Test
    void alwaysErrors() {
        throw new UnsupportedOperationException("always errors");
    }

    @Test
    void stablePass() {
    }
}
