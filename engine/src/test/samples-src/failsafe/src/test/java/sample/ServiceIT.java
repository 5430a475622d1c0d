package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ServiceIT {

    private static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Test
    void startsService() {
        System.out.println("service started on port 8080");
        assertNotNull("ok");
    }

    @Test
    void returnsWrongStatus() {
        assertEquals(200, 500, "HTTP status");
    }

    @Test
    void connectionRefused() throws Exception {
        throw new java.net.ConnectException("Connection refused (fake)");
    }

    @Test
    @Disabled("needs a database")
    void needsDatabase() {
    }

    @Test
    void flakyTimeout() {
        if (ATTEMPTS.incrementAndGet() == 1) {
            System.err.println("timed out waiting for service");
            throw new AssertionError("timeout after 1 ms");
        }
    }

    @Nested
    class WhenStopped {
        @Test
        void refusesRequests() {
            assertEquals("stopped", "stopped");
        }

        @Test
        void reportsStoppedState() {
            assertEquals("stopped", "running");
        }
    }
}
