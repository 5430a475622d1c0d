package sample;

import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class BrokenSetupTest {

    @BeforeClass
    public void setUp() {
        throw new IllegalStateException("database not reachable");
    }

    @Test
    public void first() {
    }

    @Test
    public void second() {
    }
}
