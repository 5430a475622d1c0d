package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.output.RefineReports;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The engine's refine report, served by the build page, in a real browser: the page's Content-Security-Policy
 * header lets it apply its inline styles (Jenkins' policy for archived files would not). Chromium reports every
 * policy violation on its console, which {@code --enable-logging=stderr} writes out. Skipped without Debian's
 * {@code chromium} (.ci/run installs it).
 */
@WithJenkins
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("aiwf.test.chromium", "/usr/bin/chromium"));
    private static final String VIOLATION = "Content Security Policy";

    @TempDir
    Path profile;

    @Test
    void shouldApplyTheReportsInlineStylesUnderThePagesPolicy(JenkinsRule j) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (Debian package chromium)");
        // given: the engine's report of a refine run, written into a record's directory as the step has it written
        FreeStyleBuild build = j.buildAndAssertSuccess(j.createFreeStyleProject("app"));
        StepRecord record = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);
        Instant started = Instant.parse("2026-12-04T10:00:00Z");
        IterationRecord baseline = new IterationRecord(0, null, new IterationRecord.ValidationPart(Verdict.Status.PASSED,
                List.of(), new TestCounts(12, 12, 0, 0, 0, 0), 0, List.of(), 0, List.of(), List.of(), 0, false), null, 0,
                started, Duration.ofSeconds(3));
        RefineResult soFar = new RefineResult(null, null, "", "replay", 3, List.of(baseline), null, Totals.NONE, started,
                Duration.ofSeconds(3), null);
        RefineReports.write(soFar, "Fix the parser", text -> text, record.getDirectory());
        // and, to show that a violation would be seen, a page whose own policy refuses its inline style
        Files.writeString(record.getDirectory().resolve("control.html"), """
                <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="style-src 'self'"/>
                <style>h1{color:red}</style></head><body><h1>control</h1></body></html>
                """);
        String files = j.getURL() + "job/app/1/ai-workflow/file/1-aiRefine/";

        // when
        Browsed report = browse(files + RefineReports.HTML);
        Browsed control = browse(files + "control.html");

        // then
        assertThat(report.dom()).contains("<style>", "<svg");
        assertThat(report.console()).doesNotContain(VIOLATION);
        assertThat(control.dom()).contains("control");
        assertThat(control.console()).contains(VIOLATION);
    }

    private record Browsed(String dom, String console) {
    }

    private Browsed browse(String url) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(profile, "dom", ".html");
        Path console = Files.createTempFile(profile, "console", ".log");
        // root cannot start Chromium's sandbox; /dev/shm may be small in containers
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--dump-dom", url)
                .redirectOutput(dom.toFile()).redirectError(console.toFile()).start();
        if (!chromium.waitFor(5, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish loading " + url);
        }
        return new Browsed(Files.readString(dom, StandardCharsets.UTF_8), Files.readString(console, StandardCharsets.UTF_8));
    }
}
