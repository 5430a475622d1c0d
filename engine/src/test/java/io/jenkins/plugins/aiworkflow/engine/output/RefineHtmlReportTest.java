package io.jenkins.plugins.aiworkflow.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The refine run's HTML report, read as the XML it also is: structure, escaping, no external resource, bounds.
 * What a browser shows of it: {@link RefineHtmlReportInChromiumTest}.
 */
class RefineHtmlReportTest {

    @Test
    void shouldShowHeaderTableChartsAndASectionPerIteration() throws Exception {
        // when
        Document page = parse(RefineHtmlReport.render(RefineResults.passedAtTwo(), RefineResults.INTENT));

        // then: the header
        assertThat(text(page, "/html/head/title")).isEqualTo("Refine PASSED: GATE_PASSED");
        assertThat(text(page, "//h1")).isEqualTo("Refine PASSED: GATE_PASSED");
        assertThat(facts(page)).containsExactly(
                "Intent=" + RefineResults.INTENT,
                "Outcome=PASSED",
                "Stop rule=GATE_PASSED: the gate passed at iteration 2",
                "Kept=iteration 2 (keep best): iteration 2 passed the gate",
                "Iterations=2 of at most 5 (iteration 0 validated the untouched workspace)",
                "Tokens=29000",
                "Cost=$0.0500",
                "Duration=2 min 01 s",
                "Started=2026-12-04T10:00:00Z",
                "Model=OpenAI model gpt-4.1");
        // the table: a row per iteration, the kept one marked
        assertThat(cells(page, "//table[@id='iterations']/thead/tr")).containsExactly("Iteration", "Agent", "Verdict",
                "Failing", "New", "Fixed", "Tests run", "Skipped", "Files", "+/−", "Tokens", "Cost", "Duration");
        assertThat(cells(page, "//tr[@id='row-0']"))
                .containsExactly("0", "–", "FAILED", "1", "–", "–", "10", "0", "–", "–", "–", "–", "3.1 s");
        assertThat(cells(page, "//tr[@id='row-1']"))
                .containsExactly("1", "CHANGED", "FAILED", "1", "1", "1", "9", "0", "1", "+2 −1", "12800", "$0.0125", "42.0 s");
        assertThat(cells(page, "//tr[@id='row-2']")).containsExactly("2 (kept)", "CHANGED", "PASSED", "0", "0", "1", "10",
                "0", "1", "+1 −2", "16200", "$0.0375", "1 min 15 s");
        assertThat(attribute(page, "//tr[@id='row-2']", "class")).isEqualTo("kept");
        // two charts, a bar per iteration, each with a title
        assertThat(count(page, "//*[local-name()='svg']")).isEqualTo(2);
        assertThat(text(page, "//*[@id='failing-chart']/*[local-name()='title']")).isEqualTo("Failing tests per iteration");
        assertThat(texts(page, "//*[@id='failing-chart']//*[@class='bar']/*[local-name()='title']"))
                .containsExactly("iteration 0: 1 failing test(s)", "iteration 1: 1 failing test(s)",
                        "iteration 2: 0 failing test(s)");
        assertThat(texts(page, "//*[@id='cost-chart']//*[@class='bar']/*[local-name()='title']"))
                .containsExactly("iteration 0: no model call", "iteration 1: $0.0125", "iteration 2: $0.0375");
        // a section per iteration with reasons, tests, summary, files and diff
        assertThat(texts(page, "//section[@class='iteration']/h2"))
                .containsExactly("Iteration 0 (the untouched workspace)FAILED", "Iteration 1FAILED", "Iteration 2PASSED (kept)");
        assertThat(texts(page, "//section[@id='iteration-1']//details[@class='reasons']/ul/li")).containsExactly(
                "maxFailures: 1 test(s) failed, maxFailures is 0: " + RefineResults.HOSTILE_TEST,
                "tamper guard, allowTestDecrease: 9 test(s) found, the baseline had 10 (1 fewer)");
        assertThat(texts(page, "//section[@id='iteration-1']//details[@class='failing']/ul/li"))
                .containsExactly(RefineResults.HOSTILE_TEST + " new");
        assertThat(texts(page, "//section[@id='iteration-1']//details[@class='flaky']/ul/li"))
                .containsExactly("com.acme.ClockTest.shouldTick");
        assertThat(text(page, "//section[@id='iteration-1']//details[@class='summary']/pre"))
                .isEqualTo("Used Math.round; <b>bold</b> claim | pipe");
        assertThat(texts(page, "//section[@id='iteration-1']//details[@class='files']/ul/li"))
                .containsExactly("MODIFIED src/main/java/com/acme/PriceCalculator.java");
        assertThat(text(page, "//section[@id='iteration-1']//pre[@class='diff']")).isEqualTo(RefineResults.DIFF_1);
        assertThat(texts(page, "//section[@id='iteration-1']//pre[@class='diff']/span[@class='add']")).containsExactly(
                "+        return Math.round(value); // </pre><script>alert('diff')</script>",
                "+        // | table | breaker |");
        assertThat(text(page, "//section[@id='iteration-1']/p[@class='meta']")).isEqualTo("Started 2026-12-04T10:00:04Z, "
                + "took 42.0 s. Agent CHANGED after 4 turn(s), 12800 tokens, $0.0125; stop reason FINISHED: the agent "
                + "called finish. Tests: 9 run, 0 skipped, 1 failing; test command exited with 1, rerun 1 time(s). "
                + "Feedback to the next iteration: 812 tokens.");
    }

    @Test
    void shouldShowHostileTextsAsTextAndNeverAsMarkup() throws Exception {
        // given: a test name, a summary and a diff that hold markup, and control characters in a file name
        IterationRecord first = RefineResults.iteration1();
        IterationRecord.AgentPart agent = first.agent();
        IterationRecord withEscape = new IterationRecord(1, new IterationRecord.AgentPart(agent.status(),
                agent.stopReason(), agent.summary(), agent.turns(), agent.usage(), agent.changedFiles()),
                first.validation(), RefineResults.diff(List.of(new io.jenkins.plugins.aiworkflow.engine.workspace.FileChange(
                        "evil\u001b[2J\".java", io.jenkins.plugins.aiworkflow.engine.workspace.FileChange.Kind.CREATED)),
                        1, 0, RefineResults.DIFF_1), 0, first.started(), first.duration());
        RefineResult result = new RefineResult(null, null, "", "", 5, List.of(RefineResults.iteration0(), withEscape),
                null, RefineResults.usage(1, 1, 0), RefineResults.START, Duration.ofSeconds(1), null);

        // when
        String html = RefineHtmlReport.render(result, "<img src=x onerror=alert(1)>");
        Document page = parse(html);

        // then: nothing became an element; every text is there, as text
        assertThat(count(page, "//script | //img | //b | //iframe | //object | //embed | //link")).isZero();
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>").doesNotContain("\u001b");
        assertThat(text(page, "//pre[@class='intent']")).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(texts(page, "//section[@id='iteration-1']//details[@class='failing']/ul/li/code"))
                .containsExactly(RefineResults.HOSTILE_TEST);
        assertThat(texts(page, "//details[@class='files']/ul/li/code")).containsExactly("evilU+001B[2J\".java");
        assertThat(text(page, "//pre[@class='diff']")).contains("</pre><script>alert('diff')</script>");
    }

    @Test
    void shouldRequestNothingOutsideTheFileAndSayItInItsPolicy() throws Exception {
        // when
        String html = RefineHtmlReport.render(RefineResults.passedAtTwo(), RefineResults.INTENT);
        Document page = parse(html);

        // then: a strict policy whose only allowance is the page's own style element, by its hash
        String style = text(page, "/html/head/style");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.getBytes(StandardCharsets.UTF_8)));
        assertThat(attribute(page, "/html/head/meta[@http-equiv='Content-Security-Policy']", "content"))
                .isEqualTo("default-src 'none'; style-src 'sha256-" + hash + "'; img-src 'none'; script-src 'none'; "
                        + "base-uri 'none'; form-action 'none'");
        // no element that loads anything; links only to the page's own sections
        assertThat(count(page, "//script | //img | //link | //iframe | //object | //embed | //audio | //video | //source"
                + " | //*[@src] | //*[@style] | //*[@srcset]")).isZero();
        assertThat(texts(page, "//@href")).isNotEmpty().allSatisfy(href -> assertThat(href).matches("#iteration-\\d+"));
        assertThat(style).doesNotContain("url(").doesNotContain("@import");
        assertThat(count(page, "//*[local-name()='svg']//*[@href or @*[local-name()='href']]")).isZero();
    }

    @Test
    void shouldShowARunThatGoesOnAndAnIterationStoppedBeforeItsTests() throws Exception {
        // given: iteration 1 was stopped by the budget while the agent ran; the tests did not run
        IterationRecord stopped = new IterationRecord(1, new IterationRecord.AgentPart(AgentStatus.LIMIT,
                new StopReason(StopReason.Kind.LIMIT, "maxCostUsd reached"), "", 2, RefineResults.usage(100, 10, 0.5),
                List.of()), null, null, 0, RefineResults.START.plusSeconds(4), Duration.ofMillis(800));
        RefineResult result = new RefineResult(null, null, "", "", 5, List.of(RefineResults.iteration0(), stopped), null,
                RefineResults.usage(100, 10, 0.5), RefineResults.START, Duration.ofSeconds(5), null);

        // when
        Document page = parse(RefineHtmlReport.render(result, ""));

        // then
        assertThat(text(page, "//h1")).isEqualTo("Refine running");
        assertThat(facts(page)).contains("Outcome=running (the run goes on)").noneMatch(fact -> fact.startsWith("Intent="))
                .noneMatch(fact -> fact.startsWith("Kept=")).noneMatch(fact -> fact.startsWith("Stop rule="));
        assertThat(cells(page, "//tr[@id='row-1']")).containsExactly("1", "LIMIT", "not run", "–", "–", "–", "–", "–", "–",
                "–", "110", "$0.5000", "800 ms");
        // no bar for the iteration without tests, a dash with a title instead
        assertThat(count(page, "//*[@id='failing-chart']//*[@class='bar']")).isEqualTo(1);
        assertThat(text(page, "//*[@id='failing-chart']//*[@class='no-value']/*[local-name()='title']"))
                .isEqualTo("iteration 1: tests not run");
        assertThat(count(page, "//*[@id='cost-chart']//*[@class='bar']")).isEqualTo(2);
        assertThat(text(page, "//section[@id='iteration-1']/p[@class='meta']")).endsWith("The tests did not run.");
        assertThat(text(page, "//section[@id='iteration-1']//details[@class='summary']")).isEqualTo("Agent's summarynone");
    }

    @Test
    void shouldStayBoundedWith100IterationsTenThousandFilesAndATenMegabyteDiff() throws Exception {
        // given
        RefineResult result = RefineResults.large(100, 10_000, 10_000_000, 30);

        // when
        String html = RefineHtmlReport.render(result, "i".repeat(1_000_000));
        Document page = parse(html);

        // then: every iteration is there, every text cut
        assertThat(html.length()).isLessThan(8_000_000);
        assertThat(count(page, "//table[@id='iterations']/tbody/tr")).isEqualTo(101);
        assertThat(count(page, "//section[@class='iteration']")).isEqualTo(101);
        assertThat(count(page, "//*[@id='failing-chart']//*[@class='bar']")).isEqualTo(101);
        assertThat(count(page, "//*[@id='cost-chart']//*[@class='bar']")).isEqualTo(101);
        int diffChars = RefineHtmlReport.ALL_DIFFS_CHARS / 100;
        NodeList diffs = nodes(page, "//pre[@class='diff']");
        assertThat(diffs.getLength()).isEqualTo(100);
        for (int i = 0; i < diffs.getLength(); i++) {
            assertThat(diffs.item(i).getTextContent()).hasSizeLessThan(diffChars + 100)
                    .startsWith("--- a/big.txt\n+++ b/big.txt\n+line <script>alert(1)</script>\n")
                    .contains(" chars truncated ...]\n").endsWith("+the last line\n");
        }
        Element last = (Element) nodes(page, "//section[@id='iteration-100']").item(0);
        assertThat(texts(last, ".//details[@class='files']/ul/li")).hasSize(RefineHtmlReport.LISTED_FILES + 1)
                .last().isEqualTo("… and 9900 more");
        assertThat(texts(last, ".//details[@class='reasons']/ul/li")).hasSize(RefineHtmlReport.LISTED_REASONS + 1)
                .allSatisfy(reason -> assertThat(reason.length()).isLessThan(RefineHtmlReport.REASON_CHARS + 100));
        assertThat(texts(last, ".//details[@class='failing']/ul/li")).hasSize(RefineHtmlReport.LISTED_TESTS + 1)
                .last().isEqualTo("… and 470 more");
        assertThat(text(last, ".//details[@class='summary']/pre")).hasSizeLessThan(RefineHtmlReport.SUMMARY_CHARS + 100);
        assertThat(text(page, "//pre[@class='intent']")).hasSizeLessThan(RefineHtmlReport.INTENT_CHARS + 100);
        assertThat(facts(page)).allSatisfy(fact -> assertThat(fact.length()).isLessThan(RefineHtmlReport.INTENT_CHARS + 200));
    }

    @Test
    void shouldLeaveOutTheMiddleIterationsBeyondTheMostARunMayHave() throws Exception {
        // given: more iterations than a request accepts
        RefineResult result = RefineResults.large(150, 1, 100, 1);

        // when
        Document page = parse(RefineHtmlReport.render(result, RefineResults.INTENT));

        // then: the first and the last ones, and a line saying how many are left out
        int shown = RefineHtmlReport.LISTED_ITERATIONS;
        assertThat(count(page, "//table[@id='iterations']/tbody/tr[starts-with(@id, 'row-')]")).isEqualTo(shown);
        assertThat(text(page, "//table[@id='iterations']/tbody/tr[@class='left-out']"))
                .isEqualTo("… " + (151 - shown) + " iterations left out");
        assertThat(count(page, "//section[@class='iteration']")).isEqualTo(shown);
        assertThat(attribute(page, "(//section[@class='iteration'])[last()]", "id")).isEqualTo("iteration-150");
        assertThat(text(page, "//p[@class='left-out']")).isEqualTo("… " + (151 - shown) + " iterations left out (the report "
                + "shows the first and the last ones, " + shown + " in all; the run JSON has every one)");
        assertThat(count(page, "//*[@id='cost-chart']//*[@class='bar']")).isEqualTo(151);
    }

    @Test
    void shouldShowARunThatStoppedBeforeIterationZeroWasRecorded() throws Exception {
        // given: the run could not even validate the untouched workspace
        RefineResult result = new RefineResult(io.jenkins.plugins.aiworkflow.engine.refine.Outcome.STOPPED,
                io.jenkins.plugins.aiworkflow.engine.refine.StopRule.ERROR, "the state store cannot be written", "", 5,
                List.of(), null, RefineResults.usage(0, 0, 0), RefineResults.START, Duration.ZERO, null);

        // when
        Document page = parse(RefineHtmlReport.render(result, RefineResults.INTENT));

        // then: the header says why; table and charts are there, empty
        assertThat(text(page, "//h1")).isEqualTo("Refine STOPPED: ERROR");
        assertThat(facts(page)).contains("Stop rule=ERROR: the state store cannot be written",
                "Iterations=0 of at most 5 (iteration 0 validated the untouched workspace)");
        assertThat(count(page, "//table[@id='iterations']/tbody/tr")).isZero();
        assertThat(count(page, "//*[local-name()='svg']")).isEqualTo(2);
        assertThat(count(page, "//*[@class='bar']")).isZero();
        assertThat(count(page, "//section[@class='iteration']")).isZero();
    }

    @Test
    void shouldPickRoundTicksForTheChartsAxis() {
        assertThat(SvgBarChart.step(0, true)).isEqualTo(1);
        assertThat(SvgBarChart.step(3, true)).isEqualTo(1);
        assertThat(SvgBarChart.step(7, true)).isEqualTo(2);
        assertThat(SvgBarChart.step(480, true)).isEqualTo(100);
        assertThat(SvgBarChart.step(0.0375, false)).isEqualTo(0.01);
        assertThat(SvgBarChart.step(0.0, false)).isEqualTo(0.01);
    }

    @Test
    void shouldWriteEveryCostTickWithTheDigitsItHas() {
        // given: the ticks of a run whose iterations cost about $0.002 (a step of $0.0005)
        double step = SvgBarChart.step(0.0022, false);
        List<String> ticks = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            ticks.add(RefineHtmlReport.usdTick(i * step));
        }

        // then: none reads like another
        assertThat(ticks).containsExactly("$0.00", "$0.0005", "$0.001", "$0.0015", "$0.002", "$0.0025");
        assertThat(RefineHtmlReport.usdTick(0.03)).isEqualTo("$0.03");
        assertThat(RefineHtmlReport.usdTick(1.5)).isEqualTo("$1.50");
    }

    // --- reading the page as XML

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static NodeList nodes(Node context, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
    }

    static int count(Node context, String xpath) throws Exception {
        return nodes(context, xpath).getLength();
    }

    static String text(Node context, String xpath) throws Exception {
        NodeList nodes = nodes(context, xpath);
        assertThat(nodes.getLength()).as(xpath).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }

    static List<String> texts(Node context, String xpath) throws Exception {
        NodeList nodes = nodes(context, xpath);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    static String attribute(Node context, String xpath, String name) throws Exception {
        NodeList nodes = nodes(context, xpath);
        assertThat(nodes.getLength()).as(xpath).isEqualTo(1);
        return ((Element) nodes.item(0)).getAttribute(name);
    }

    /** The cells of one table row: its header cell and data cells, as text. */
    static List<String> cells(Node context, String rowXpath) throws Exception {
        return texts(context, rowXpath + "/*[self::th or self::td]");
    }

    /** The header's facts as {@code name=value}. */
    static List<String> facts(Document page) throws Exception {
        List<String> names = texts(page, "//dl[@id='facts']/dt");
        List<String> values = texts(page, "//dl[@id='facts']/dd");
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            facts.add(names.get(i) + "=" + values.get(i));
        }
        return facts;
    }
}
