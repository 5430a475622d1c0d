package sample;

import static org.junit.Assert.assertEquals;

import org.junit.Ignore;
import org.junit.Test;

public class LegacyJUnit4Test {

    @Test
    public void passes() {
    }

    @Test
    public void fails() {
        assertEquals("junit4", 1, 2);
    }

    @Test
    @Ignore("legacy ignore reason")
    public void ignored() {
    }
}
