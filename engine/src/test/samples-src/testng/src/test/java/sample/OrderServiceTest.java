package sample;

import static org.testng.Assert.assertEquals;

import org.testng.IRetryAnalyzer;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class OrderServiceTest {

    private static int retryAttempts;

    @Test
    public void createsOrder() {
        System.out.println("creating order 42");
        assertEquals(1 + 1, 2);
    }

    @Test
    public void computesTotal() {
        assertEquals(10 * 3, 31, "total");
    }

    @Test
    public void throwsNpe() {
        String s = null;
        s.length();
    }

    @Test
    public void skippedAtRuntime() {
        throw new SkipException("feature flag off");
    }

    @Test(dependsOnMethods = "computesTotal")
    public void dependsOnFailingTest() {
    }

    @Test(enabled = false)
    public void disabledTest() {
    }

    @DataProvider
    public Object[][] amounts() {
        return new Object[][] {{1, 1}, {2, 4}, {3, 9}, {4, 15}};
    }

    @Test(dataProvider = "amounts")
    public void squares(int in, int expected) {
        assertEquals(in * in, expected);
    }

    @Test(retryAnalyzer = RetryOnce.class)
    public void flakyWithRetryAnalyzer() {
        if (++retryAttempts == 1) {
            throw new AssertionError("first attempt fails");
        }
    }

    public static class RetryOnce implements IRetryAnalyzer {
        private int count;

        @Override
        public boolean retry(ITestResult result) {
            return count++ < 1;
        }
    }
}
