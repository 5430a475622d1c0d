package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XML attacks on the parser: none may read a file, reach the network or blow up memory. */
class HostileReportTest {
    private static final String SECRET = "TOP-SECRET-7f3a9c";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void assertRefusedWithoutLeak(Reports reports) {
        assertThat(reports.problem).hasValueSatisfying(problem -> {
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.REFUSED);
            assertThat(problem.message()).contains("DOCTYPE declarations are not accepted");
        });
        assertThat(reports.cases).isEmpty();
        assertThat(requests).hasValue(0);
    }

    @Test
    void shouldRefuseAnExternalEntityWithoutReadingTheFile() throws IOException {
        // given
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<testsuite><testcase name=\"t\"><failure message=\"&xxe;\">&xxe;</failure></testcase></testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertRefusedWithoutLeak(reports);
        assertThat(reports.problem.orElseThrow().message()).doesNotContain(SECRET);
    }

    @Test
    void shouldRefuseAnExternalDtdWithoutFetchingIt() {
        // given
        String xml = "<!DOCTYPE testsuite SYSTEM \"" + url("/evil.dtd") + "\"><testsuite><testcase name=\"t\"/>"
                + "</testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertRefusedWithoutLeak(reports);
    }

    @Test
    void shouldRefuseAParameterEntityWithoutFetchingIt() {
        // given
        String xml = "<!DOCTYPE testsuite [<!ENTITY % remote SYSTEM \"" + url("/p.dtd") + "\"> %remote;]>"
                + "<testsuite><testcase name=\"&leak;\"/></testsuite>";

        // when
        Reports reports = Reports.parse(xml);

        // then
        assertRefusedWithoutLeak(reports);
    }

    @Test
    void shouldRefuseEntityExpansionBombs() {
        // given: "billion laughs", 10^9 copies if expanded
        StringBuilder dtd = new StringBuilder("<!DOCTYPE testsuite [<!ENTITY lol0 \"lol\">");
        for (int level = 1; level <= 9; level++) {
            dtd.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level - 1) + ";").repeat(10)).append("\">");
        }
        String billionLaughs = dtd + "]><testsuite><testcase name=\"&lol9;\"/></testsuite>";
        // and a quadratic blow-up: one large entity referenced many times
        String quadratic = "<!DOCTYPE testsuite [<!ENTITY big \"" + "x".repeat(50_000) + "\">]><testsuite>"
                + "<testcase name=\"t\"><failure message=\"" + "&big;".repeat(20_000) + "\"/></testcase></testsuite>";

        // when
        Reports laughs = Reports.parse(billionLaughs);
        Reports blowUp = Reports.parse(quadratic);

        // then
        assertRefusedWithoutLeak(laughs);
        assertRefusedWithoutLeak(blowUp);
    }

    @Test
    void shouldStillCountTheOtherFilesWhenOneIsHostile() throws IOException {
        // given
        Path good = Files.writeString(dir.resolve("TEST-good.xml"),
                "<testsuite><testcase classname=\"c\" name=\"ok\"/><testcase classname=\"c\" name=\"bad\">"
                        + "<failure/></testcase></testsuite>");
        Path evil = Files.writeString(dir.resolve("TEST-evil.xml"),
                "<!DOCTYPE x SYSTEM \"" + url("/x.dtd") + "\"><testsuite><testcase name=\"t\"/></testsuite>");

        // when
        TestReport report = new ReportParser(TextLimits.DEFAULT, 2)
                .parse(List.of(ReportInput.of(good, "TEST-good.xml"), ReportInput.of(evil, "TEST-evil.xml")));

        // then
        assertThat(report.counts()).isEqualTo(new TestCounts(2, 1, 1, 0, 0, 0));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("TEST-evil.xml");
            assertThat(problem.kind()).isEqualTo(ReportProblem.Kind.REFUSED);
        });
        assertThat(requests).hasValue(0);
    }
}
