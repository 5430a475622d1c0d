package io.jenkins.plugins.aiworkflow.plugin.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path build;
    private Path record;

    @BeforeEach
    void setUp() throws IOException {
        record = Files.createDirectories(build.resolve("ai-workflow/1-aiRefine"));
        Files.writeString(record.resolve("refine.html"), "<html/>");
        Files.writeString(build.resolve("build.xml"), "<build/>");
    }

    @Test
    void shouldResolveARegularFileOfTheRecord() throws IOException {
        assertThat(ReportFiles.resolve(build, "ai-workflow", "1-aiRefine", "refine.html"))
                .isEqualTo(build.toRealPath().resolve("ai-workflow/1-aiRefine/refine.html"));
    }

    @Test
    void shouldRefuseNamesThatLeaveTheDirectoryOrAreHidden() throws IOException {
        // given
        Files.writeString(record.resolve(".refine.html.1a2b.tmp"), "half");

        // then
        for (String name : new String[] {"..", ".", "../../build.xml", "..\\build.xml", "/etc/passwd", "a/b",
                ".refine.html.1a2b.tmp", "", "refine.html\u0000", "missing.html"}) {
            assertThat(ReportFiles.resolve(build, "ai-workflow", "1-aiRefine", name)).as(name).isNull();
        }
        assertThat(ReportFiles.resolve(build, "ai-workflow", "..", "build.xml")).isNull();
    }

    @Test
    void shouldRefuseLinksEvenToFilesInside() throws IOException {
        // given
        Files.createSymbolicLink(record.resolve("out.xml"), build.resolve("build.xml"));
        Files.createSymbolicLink(record.resolve("in.html"), record.resolve("refine.html"));
        Files.createDirectory(record.resolve("sub"));

        // then
        assertThat(ReportFiles.resolve(build, "ai-workflow", "1-aiRefine", "out.xml")).isNull();
        assertThat(ReportFiles.resolve(build, "ai-workflow", "1-aiRefine", "in.html")).isNull();
        assertThat(ReportFiles.resolve(build, "ai-workflow", "1-aiRefine", "sub")).isNull();
    }

    @Test
    void shouldRefuseARecordDirectoryReplacedByALink() throws IOException {
        // given: the record directory leads to the build's directory
        Files.createSymbolicLink(build.resolve("ai-workflow/2-aiRefine"), build);

        // then
        assertThat(ReportFiles.resolve(build, "ai-workflow", "2-aiRefine", "build.xml")).isNull();
    }

    @Test
    void shouldServeEachKindWithItsTypeAndHtmlWithItsOwnPolicy() {
        assertThat(ReportFiles.contentType("refine.html")).isEqualTo("text/html;charset=UTF-8");
        assertThat(ReportFiles.contentType("refine.json")).isEqualTo("application/json;charset=UTF-8");
        assertThat(ReportFiles.contentType("refine.md")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(ReportFiles.contentType("changes.diff")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(ReportFiles.contentType("transcript.jsonl")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(ReportFiles.contentType("state.bin")).isEqualTo("application/octet-stream");
        assertThat(ReportFiles.isAttachment("state.bin")).isTrue();
        assertThat(ReportFiles.policy("refine.html")).isEqualTo(ReportFiles.HTML_POLICY)
                .contains("default-src 'none'", "style-src 'unsafe-inline'", "script-src 'none'", "sandbox");
        assertThat(ReportFiles.policy("refine.json")).isEqualTo(ReportFiles.OTHER_POLICY);
    }
}
