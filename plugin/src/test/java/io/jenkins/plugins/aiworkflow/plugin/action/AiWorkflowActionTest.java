package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class AiWorkflowActionTest {
    private static final String REPORT = """
            <!DOCTYPE html>
            <html><head><style>h1{color:#cf222e}</style></head>
            <body><h1>Refine FAILED</h1><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg></body></html>
            """;

    private JenkinsRule j;
    private FreeStyleProject project;
    private FreeStyleBuild build;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        project = j.createFreeStyleProject("app");
        build = j.buildAndAssertSuccess(project);
    }

    @Test
    void shouldListARowPerStepAndIterationWithLinksToTheReports() throws Exception {
        // given
        AiWorkflowAction action = AiWorkflowAction.forRun(build);
        StepRecord validate = action.newRecord("aiValidate", "unit tests");
        validate.addRow(Row.builder("aiValidate", 0, "PASSED").tests(12, 0, 1, 13).build());
        StepRecord refine = action.newRecord("aiRefine", "fix the parser");
        refine.addRow(Row.builder("aiRefine", 1, "FAILED").tests(10, 2, 0, 12).diff(30, 4).tokens(12_000L, 800L)
                .costUsd(0.021).build());
        refine.addRow(Row.builder("aiRefine", 2, "PASSED").tests(12, 0, 0, 12).diff(31, 4).tokens(15_000L, 900L)
                .costUsd(0.03).stopReason("GATE_PASSED").build());
        Files.writeString(refine.getDirectory().resolve("refine.html"), REPORT);
        Files.writeString(refine.getDirectory().resolve("refine.md"), "# Refine");

        // when
        HtmlPage page = j.createWebClient().withJavaScriptEnabled(false).getPage(build, "ai-workflow");

        // then
        HtmlTable table = page.getHtmlElementById("ai-workflow-rows");
        assertThat(table.getAttribute("class")).contains("jenkins-table");
        assertThat(table.getRowCount()).isEqualTo(4); // the heading and three rows
        assertThat(table.getRow(1).asNormalizedText()).contains("aiValidate", "unit tests", "PASSED",
                "12 passed, 0 failed, 1 skipped (13)");
        assertThat(table.getRow(2).asNormalizedText()).contains("aiRefine", "fix the parser", "FAILED", "+30 -4",
                "12000 in / 800 out", "0.0210", "refine.html", "refine.md");
        assertThat(table.getRow(3).asNormalizedText()).contains("PASSED", "0.0300", "GATE_PASSED");
        assertThat(page.getAnchorByText("refine.html").getHrefAttribute())
                .endsWith("/job/app/1/ai-workflow/file/2-aiRefine/refine.html");
        assertThat(build.getAction(AiWorkflowAction.class).getIconFileName()).isNotNull();
    }

    @Test
    void shouldServeAReportWithItsContentTypeAndAPolicyThatAllowsInlineStylesOnly() throws Exception {
        // given
        StepRecord refine = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);
        Files.writeString(refine.getDirectory().resolve("refine.html"), REPORT);
        Files.writeString(refine.getDirectory().resolve("refine.json"), "{\"outcome\":\"FAILED\"}");
        JenkinsRule.WebClient web = j.createWebClient().withJavaScriptEnabled(false);

        // when
        Page html = web.goTo("job/app/1/ai-workflow/file/1-aiRefine/refine.html", null);
        Page json = web.goTo("job/app/1/ai-workflow/file/1-aiRefine/refine.json", null);

        // then
        assertThat(html.getWebResponse().getContentType()).isEqualTo("text/html");
        assertThat(html.getWebResponse().getContentCharset().name()).isEqualTo("UTF-8");
        assertThat(html.getWebResponse().getContentAsString()).isEqualTo(REPORT);
        assertThat(html.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                .isEqualTo(ReportFiles.HTML_POLICY);
        assertThat(html.getWebResponse().getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(json.getWebResponse().getContentType()).isEqualTo("application/json");
        assertThat(json.getWebResponse().getContentAsString()).isEqualTo("{\"outcome\":\"FAILED\"}");
        assertThat(json.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                .isEqualTo(ReportFiles.OTHER_POLICY);
    }

    @Test
    void shouldAnswer404ToAnythingButARecordsOwnFile() throws Exception {
        // given
        StepRecord refine = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);
        Files.writeString(refine.getDirectory().resolve("refine.html"), REPORT);
        Path buildXml = build.getRootDir().toPath().resolve("build.xml");
        Files.createSymbolicLink(refine.getDirectory().resolve("leak.xml"), buildXml);
        Files.writeString(refine.getDirectory().resolve(".refine.html.1a2b.tmp"), "half");
        String files = "job/app/1/ai-workflow/file/";

        // then
        assertThat(status(files + "1-aiRefine/refine.html")).isEqualTo(200);
        for (String path : List.of("1-aiRefine/leak.xml", "1-aiRefine/.refine.html.1a2b.tmp", "1-aiRefine/missing.html",
                "1-aiRefine", "2-aiRefine/refine.html", "1-aiRefine/refine.html/x", "..%2F..%2Fbuild.xml",
                "1-aiRefine/..%2F..%2F..%2Fbuild.xml", "1-aiRefine/%2e%2e%2f%2e%2e%2f%2e%2e%2fbuild.xml",
                "1-aiRefine/%2Fetc%2Fpasswd", "1-aiRefine//etc/passwd", "1-aiRefine/..%5Cbuild.xml")) {
            assertThat(status(files + path)).as(path).isEqualTo(404);
        }
        // a segment that decodes to ".." is refused by Stapler itself (its TokenList throws: 500) before any action
        assertThat(status(files + "1-aiRefine/%2e%2e/%2e%2e/build.xml")).isEqualTo(500);
        // what Stapler hands over, decoded
        AiWorkflowAction action = build.getAction(AiWorkflowAction.class);
        for (String rest : List.of("/1-aiRefine/../../build.xml", "/../build.xml", "/1-aiRefine//etc/passwd",
                "/1-aiRefine/" + buildXml, "1-aiRefine/refine.html", "/1-aiRefine/leak.xml")) {
            assertThat(action.fileOf(rest)).as(rest).isNull();
        }
    }

    @Test
    void shouldShowNeitherThePageNorTheFilesWithoutReadPermission() throws Exception {
        // given: only admin may read; the anonymous user may see Jenkins, not the job
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().toEveryone());
        StepRecord refine = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);
        refine.addRow(Row.builder("aiRefine", 1, "PASSED").build());
        Files.writeString(refine.getDirectory().resolve("refine.html"), REPORT);
        AiWorkflowAction action = build.getAction(AiWorkflowAction.class);

        // then
        assertThat(status("job/app/1/ai-workflow/")).isEqualTo(404);
        assertThat(status("job/app/1/ai-workflow/file/1-aiRefine/refine.html")).isEqualTo(404);
        try (ACLContext ignored = ACL.as2(Jenkins.ANONYMOUS2)) {
            assertThat(action.getIconFileName()).isNull();
            assertThatThrownBy(action::getTarget).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining(Item.READ.name);
        }
        JenkinsRule.WebClient admin = j.createWebClient().withJavaScriptEnabled(false).login("admin");
        assertThat(admin.getPage(build, "ai-workflow").getWebResponse().getContentAsString()).contains("PASSED");
        assertThat(admin.goTo("job/app/1/ai-workflow/file/1-aiRefine/refine.html", null).getWebResponse()
                .getContentAsString()).isEqualTo(REPORT);
    }

    @Test
    void shouldKeepTheRowsWhenJenkinsLoadsTheBuildAgain() throws Exception {
        // given
        StepRecord refine = AiWorkflowAction.forRun(build).newRecord("aiRefine", "fix");
        Row first = Row.builder("aiRefine", 1, "FAILED").tests(1, 1, 0, 2).diff(3, 1).tokens(10L, 2L).costUsd(0.5)
                .build();
        Row second = Row.builder("aiRefine", 2, "PASSED").stopReason("GATE_PASSED").build();
        refine.addRow(first);
        refine.addRow(second);
        Files.writeString(refine.getDirectory().resolve("refine.html"), REPORT);

        // when
        j.jenkins.reload();

        // then
        FreeStyleBuild loaded = j.jenkins.getItemByFullName("app", FreeStyleProject.class).getBuildByNumber(1);
        assertThat(loaded).isNotSameAs(build);
        AiWorkflowAction action = loaded.getAction(AiWorkflowAction.class);
        assertThat(action.getRecords()).singleElement().satisfies(record -> {
            assertThat(record.getId()).isEqualTo("1-aiRefine");
            assertThat(record.getLabel()).isEqualTo("fix");
            assertThat(record.getRows()).containsExactly(first, second);
            assertThat(record.getFiles()).extracting(StepRecord.ReportFile::getName).containsExactly("refine.html");
        });
        assertThat(Files.readString(loaded.getRootDir().toPath().resolve("build.xml"))).doesNotContain("Refine FAILED");
        // a record made after loading continues the numbering
        assertThat(AiWorkflowAction.forRun(loaded).newRecord("aiValidate", null).getId()).isEqualTo("2-aiValidate");
    }

    @Test
    void shouldNeverReuseADirectoryLeftByABuildWhoseLastSaveWasLost() throws Exception {
        // given: a record's directory with a report, but no record in build.xml (the controller was killed)
        Path left = Files.createDirectories(build.getRootDir().toPath().resolve("ai-workflow/1-aiRefine"));
        Files.writeString(left.resolve("refine.html"), "stale");

        // when
        StepRecord record = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);

        // then
        assertThat(record.getId()).isEqualTo("2-aiRefine");
        assertThat(record.getDirectory()).isEmptyDirectory();
        assertThat(left.resolve("refine.html")).hasContent("stale");
    }

    @Test
    void shouldStoreEveryRecordOfBranchesRecordingAtTheSameTime() throws Exception {
        // given
        int branches = 8;
        int rowsEach = 5;
        ExecutorService threads = Executors.newFixedThreadPool(branches);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> ids = new ArrayList<>();

        // when: each branch gets the action, makes a record and adds its rows
        try {
            for (int b = 0; b < branches; b++) {
                String label = "branch " + b;
                ids.add(threads.submit(() -> {
                    start.await();
                    StepRecord record = AiWorkflowAction.forRun(build).newRecord("aiRefine", label);
                    for (int i = 1; i <= rowsEach; i++) {
                        record.addRow(Row.builder("aiRefine", i, "FAILED").build());
                    }
                    return record.getId();
                }));
            }
            start.countDown();
            for (Future<String> id : ids) {
                id.get();
            }
        } finally {
            threads.shutdownNow();
        }
        j.jenkins.reload();

        // then
        FreeStyleBuild loaded = j.jenkins.getItemByFullName("app", FreeStyleProject.class).getBuildByNumber(1);
        assertThat(loaded.getActions(AiWorkflowAction.class)).hasSize(1);
        List<StepRecord> records = loaded.getAction(AiWorkflowAction.class).getRecords();
        assertThat(records).hasSize(branches);
        assertThat(records).extracting(StepRecord::getLabel).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(record -> assertThat(record.getRows()).extracting(Row::getIteration)
                .containsExactly(1, 2, 3, 4, 5));
        assertThat(records).allSatisfy(record -> assertThat(record.getDirectory()).isDirectory());
    }

    @Test
    void shouldKeepAtMostTheMostRowsAndCountTheOthers() throws Exception {
        // given
        StepRecord refine = AiWorkflowAction.forRun(build).newRecord("aiRefine", null);

        AiWorkflowAction action = build.getAction(AiWorkflowAction.class);
        for (int i = 0; i < AiWorkflowAction.MAX_ROWS; i++) {
            action.admitRow(refine, Row.builder("aiRefine", i, "FAILED").build()); // what addRow does, without a save each
        }

        // when
        for (int i = 0; i < 3; i++) {
            refine.addRow(Row.builder("aiRefine", AiWorkflowAction.MAX_ROWS + i, "FAILED").build());
        }

        // then
        assertThat(refine.getRows()).hasSize(AiWorkflowAction.MAX_ROWS);
        assertThat(action.getRowsLeftOut()).isEqualTo(3);
        assertThat(j.createWebClient().withJavaScriptEnabled(false).getPage(build, "ai-workflow")
                .getHtmlElementById("ai-workflow-left-out").asNormalizedText()).contains("3 more rows");
    }

    private int status(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(j.getURL().toString() + path);
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
