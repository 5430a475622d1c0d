package io.jenkins.plugins.aiworkflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small JUnit XML reports written by the tests; no single quotes, so they fit in {@code sh -c '...'}. */
final class JUnitXml {
    static final String CLASS_NAME = "com.acme.CalculatorTest";

    private JUnitXml() {
    }

    static String passed(String name) {
        return "<testcase classname=\"" + CLASS_NAME + "\" name=\"" + name + "\" time=\"0.01\"/>";
    }

    static String failed(String name, String message) {
        return "<testcase classname=\"" + CLASS_NAME + "\" name=\"" + name + "\" time=\"0.02\">"
                + "<failure message=\"" + message + "\" type=\"org.opentest4j.AssertionFailedError\">"
                + "org.opentest4j.AssertionFailedError: " + message + "</failure></testcase>";
    }

    static String skipped(String name) {
        return "<testcase classname=\"" + CLASS_NAME + "\" name=\"" + name + "\"><skipped/></testcase>";
    }

    static String suite(String... cases) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<testsuite name=\"" + CLASS_NAME + "\" tests=\"" + cases.length + "\">"
                + String.join("", cases) + "</testsuite>\n";
    }

    /** Writes a report below {@code dir}, creating its parent directories. */
    static Path write(Path dir, String relative, String xml) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
