package io.jenkins.plugins.aiworkflow.bench.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes synthetic Surefire-style report corpora, deterministic for a given seed:
 * <ul>
 *   <li>{@code many}: 1,000 files of about 250 KB (a properties block, ~200 test cases each)</li>
 *   <li>{@code large}: 10 files of 40 MB</li>
 *   <li>{@code huge}: 25 files of 40 MB, 1 GB in all</li>
 * </ul>
 * In each, about 2% of the test cases fail with a ~3 KB stack trace, 1% are skipped and 5% carry
 * ~20 KB of system-out. Next to the files, {@code EXPECTED} holds the counts written, so a run can
 * check that a reader counted right.
 *
 * <p>Usage: {@code CorpusGenerator DIR many|large|huge}
 */
public final class CorpusGenerator {
    private static final long SEED = 20261127L;

    private final Random random = new Random(SEED);
    private long tests;
    private long failures;
    private long skipped;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CorpusGenerator DIR many|large|huge");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        CorpusGenerator generator = new CorpusGenerator();
        switch (args[1]) {
            case "many" -> generator.write(dir, 1_000, 250L * 1024);
            case "large" -> generator.write(dir, 10, 40L * 1024 * 1024);
            case "huge" -> generator.write(dir, 25, 40L * 1024 * 1024);
            default -> {
                System.err.println("unknown corpus '" + args[1] + "'; accepted: many, large, huge");
                System.exit(2);
            }
        }
    }

    void write(Path dir, int files, long bytesPerFile) throws IOException {
        Files.createDirectories(dir);
        for (int file = 0; file < files; file++) {
            writeFile(dir.resolve(String.format(Locale.ROOT, "TEST-com.example.module%04d.GeneratedTest.xml", file)),
                    file, bytesPerFile);
        }
        Files.writeString(dir.resolve("EXPECTED"), "tests=" + tests + "\nfailures=" + failures + "\nskipped="
                + skipped + "\n");
        System.out.println("wrote " + files + " files to " + dir + ": tests=" + tests + " failures=" + failures
                + " skipped=" + skipped);
    }

    private void writeFile(Path path, int fileNumber, long targetBytes) throws IOException {
        String className = "com.example.module" + fileNumber + ".GeneratedTest";
        try (CountingWriter out = new CountingWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                    + "xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/"
                    + "surefire-test-report.xsd\" version=\"3.0.2\" name=\"" + className
                    + "\" time=\"12.345\" tests=\"0\" errors=\"0\" skipped=\"0\" failures=\"0\">\n");
            out.write("  <properties>\n");
            for (int i = 0; i < 60; i++) {
                out.write("    <property name=\"some.build.property." + i + "\" value=\"/opt/build/path/value-" + i
                        + "/with/a/few/segments\"/>\n");
            }
            out.write("  </properties>\n");
            int testNumber = 0;
            while (out.count < targetBytes) {
                writeCase(out, className, testNumber++);
            }
            out.write("</testsuite>\n");
        }
    }

    private void writeCase(CountingWriter out, String className, int testNumber) throws IOException {
        tests++;
        int roll = random.nextInt(100);
        String time = String.format(Locale.ROOT, "%.3f", random.nextDouble());
        out.write("  <testcase name=\"shouldDoThing" + testNumber + "\" classname=\"" + className + "\" time=\""
                + time + "\"");
        if (roll < 2) {
            failures++;
            out.write(">\n    <failure message=\"expected: &lt;" + testNumber + "&gt; but was: &lt;" + (testNumber + 1)
                    + "&gt;\" type=\"org.opentest4j.AssertionFailedError\"><![CDATA[");
            out.write("org.opentest4j.AssertionFailedError: expected: <" + testNumber + "> but was: <"
                    + (testNumber + 1) + ">\n");
            for (int frame = 0; frame < 42; frame++) {
                out.write("\tat com.example.module.SomeClass" + frame + ".method" + frame + "(SomeClass" + frame
                        + ".java:" + (frame * 7 + 11) + ")\n");
            }
            out.write("]]></failure>\n");
            writeOutput(out, random.nextInt(100) < 5);
            out.write("  </testcase>\n");
        } else if (roll < 3) {
            skipped++;
            out.write(">\n    <skipped message=\"disabled until the database is back\"/>\n  </testcase>\n");
        } else if (roll < 8) {
            out.write(">\n");
            writeOutput(out, true);
            out.write("  </testcase>\n");
        } else {
            out.write("/>\n");
        }
    }

    private void writeOutput(CountingWriter out, boolean write) throws IOException {
        if (!write) {
            return;
        }
        out.write("    <system-out><![CDATA[");
        for (int line = 0; line < 250; line++) {
            out.write("12:00:00.000 [main] INFO  com.example.Service - processed record " + line + " ok\n");
        }
        out.write("]]></system-out>\n");
    }

    /** Counts the characters written (all ASCII here, so bytes too). */
    private static final class CountingWriter implements AutoCloseable {
        private final BufferedWriter out;
        long count;

        CountingWriter(BufferedWriter out) {
            this.out = out;
        }

        void write(String text) throws IOException {
            out.write(text);
            count += text.length();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static long expected(Path dir, String key) {
        try {
            for (String line : Files.readAllLines(dir.resolve("EXPECTED"))) {
                if (line.startsWith(key + "=")) {
                    return Long.parseLong(line.substring(key.length() + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + key + " in " + dir.resolve("EXPECTED"));
    }
}
