package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSummaryTest {
    /** A test name that would mention a team, link somewhere and show an image if rendered as Markdown. */
    static final String HOSTILE = "ping @org/team see [docs](https://evil.example) ![x](https://evil.example/x.png)"
            + " <b>bold</b> `code` *em*";

    @TempDir
    Path root;

    private ValidationResult validate(String report) throws IOException {
        Files.writeString(root.resolve("TEST-x.xml"), report);
        return new Validator().validate(ValidationRequest.builder().reports("*.xml").build(), new LocalWorkspace(root),
                new EngineLog());
    }

    private static String escapedXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static List<String> reasonLines(String markdown) {
        String section = markdown.substring(markdown.indexOf("**Why it failed**"));
        section = section.substring(0, section.indexOf("\n\n", "**Why it failed**\n\n".length()));
        return section.lines().skip(2).toList();
    }

    @Test
    void shouldQuoteHostileTestNamesInReasonsAndNotesAsCodeSpans() throws IOException {
        // given: a failing and a flaky test whose names hold Markdown, a mention and HTML
        ValidationResult result = validate("<testsuite name=\"s\">"
                + "<testcase classname=\"c\" name=\"" + escapedXml(HOSTILE) + "\"><failure/></testcase>"
                + "<testcase classname=\"c\" name=\"flaky " + escapedXml(HOSTILE) + "\"><flakyFailure/></testcase>"
                + "</testsuite>");

        // when
        String markdown = MarkdownSummary.render(result);

        // then: every reason and note is a code span, so nothing in it is Markdown, a mention or HTML
        assertThat(reasonLines(markdown)).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("- `[a-zA-Z]+`: (`+)[^`].*[^`]\\1"));
        assertThat(reasonLines(markdown)).anySatisfy(line -> assertThat(line).contains("@org/team"));
        String notes = markdown.substring(markdown.indexOf("**Notes**"));
        assertThat(notes.lines().skip(2).findFirst().orElseThrow()).startsWith("- ``").endsWith("``")
                .contains("flaky ping @org/team");
        assertThat(markdown).doesNotContain("\\@", "\\[docs\\]");
    }

    @Test
    void shouldStayWithinACommentsSizeWhateverTheNamesHold() throws IOException {
        // given: twenty failing tests with names of 100,000 characters
        StringBuilder report = new StringBuilder("<testsuite name=\"s\">");
        for (int i = 0; i < 20; i++) {
            report.append("<testcase classname=\"c\" name=\"").append(i).append("x".repeat(100_000))
                    .append("\"><failure message=\"").append("m".repeat(5_000)).append("\">")
                    .append("d".repeat(50_000)).append("</failure></testcase>");
        }
        ValidationResult result = validate(report.append("</testsuite>").toString());

        // when
        String markdown = MarkdownSummary.render(result);

        // then
        assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownSummary.MAX_CHARS);
        assertThat(markdown).contains("chars truncated");
    }
}
