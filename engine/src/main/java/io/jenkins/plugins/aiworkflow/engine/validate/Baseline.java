package io.jenkins.plugins.aiworkflow.engine.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TestIdentities;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An earlier result to compare with: its totals, which tests failed and, when made from a result in memory, which
 * tests ran and were skipped. Read from the JSON result file an earlier {@code aiwf validate --json} or
 * {@code aiValidate} wrote (see docs/json-result.md), or made from a result in memory ({@link #of}, the refine
 * loop's iteration 0); both give the same totals and failing tests, but only the one in memory has the identities
 * of all its tests: a result file would need 8 bytes per test for them, so it carries the failing tests it lists
 * only, and the tamper guard checks only those by identity (the others by count). Tests are matched by class (or
 * suite) and name.
 *
 * @param source            where it came from, for messages
 * @param counts            its totals
 * @param failedIds         tests that failed or errored in it, as far as it lists them
 * @param failuresNotListed failed tests it counts but does not list (its {@code failuresNotListed}):
 *                          a test not in {@code failedIds} may still have failed in it
 * @param identities        which tests ran and were skipped in it ({@code TestReport.identities()}); null when it
 *                          was read from a JSON result file
 */
public record Baseline(String source, TestCounts counts, Set<TestId> failedIds, long failuresNotListed,
                       TestIdentities identities) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Baseline {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(counts, "counts");
        failedIds = Set.copyOf(failedIds);
        if (failuresNotListed < 0) {
            throw new IllegalArgumentException("failuresNotListed must be >= 0, was " + failuresNotListed);
        }
    }

    /** A baseline without the identities of all its tests (as read from a JSON result file). */
    public Baseline(String source, TestCounts counts, Set<TestId> failedIds, long failuresNotListed) {
        this(source, counts, failedIds, failuresNotListed, null);
    }

    /** A baseline that lists every test that failed in it, without the identities of the others. */
    public Baseline(String source, TestCounts counts, Set<TestId> failedIds) {
        this(source, counts, failedIds, 0);
    }

    /**
     * The baseline of a result in memory: what {@link #read} gives for the JSON result file of
     * {@code result}, without writing and reading one, and besides the identities of all its tests when the
     * validation kept them ({@link ValidationRequest#withTestIdentitiesKept()}); without them it knows by identity
     * only its failing tests, as one read from a file.
     *
     * @param source names the result in messages, such as {@code iteration 0}
     */
    public static Baseline of(ValidationResult result, String source) {
        Objects.requireNonNull(result, "result");
        Set<TestId> failed = new LinkedHashSet<>();
        for (TestCaseResult failure : result.report().failures()) {
            failed.add(failure.id());
        }
        TestIdentities identities = result.report().identities();
        return new Baseline(source, result.report().counts(), failed, result.report().failuresNotListed(),
                identities.maxTests() == 0 ? null : identities);
    }

    /** Reads a JSON result file. */
    public static Baseline read(InputStream in, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw invalid(source, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw invalid(source, "could not be read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "is empty or not a JSON object", null);
        }
        JsonNode totals = root.path("totals");
        if (!totals.isObject()) {
            throw invalid(source, "has no 'totals' object", null);
        }
        long tests = count(totals, "tests", source);
        long passed = count(totals, "passed", source);
        long failures = count(totals, "failures", source);
        long errors = count(totals, "errors", source);
        long skipped = count(totals, "skipped", source);
        long flaky = count(totals, "flaky", source);
        TestCounts counts;
        try {
            counts = new TestCounts(tests, passed, failures, errors, skipped, flaky);
        } catch (IllegalArgumentException e) {
            throw invalid(source, "has inconsistent totals: " + e.getMessage(), e);
        }
        Set<TestId> failed = new LinkedHashSet<>();
        for (JsonNode failure : root.path("failures")) {
            String className = failure.path("className").asText("");
            String scope = className.isEmpty() ? failure.path("suite").asText("") : className;
            failed.add(new TestId(scope, failure.path("name").asText("")));
        }
        JsonNode notListed = root.get("failuresNotListed");
        if (notListed != null && (!notListed.canConvertToLong() || notListed.asLong() < 0)) {
            throw invalid(source, "has a 'failuresNotListed' that is not a non-negative integer", null);
        }
        return new Baseline(source, counts, failed, notListed == null ? 0 : notListed.asLong());
    }

    private static long count(JsonNode totals, String field, String source) {
        JsonNode value = totals.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
            throw invalid(source, "has no non-negative integer 'totals." + field + "'", null);
        }
        return value.asLong();
    }

    private static InvalidRequestException invalid(String source, String problem, Throwable cause) {
        return new InvalidRequestException("baseline", "baseline '" + source + "' " + problem
                + "; accepted: a JSON result file written by 'aiwf validate --json' or aiValidate", cause);
    }
}
