package io.jenkins.plugins.aiworkflow.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestIdentitiesTest {
    /**
     * SipHash-c-d over bytes, straight from the paper (Aumasson and Bernstein, 2012): {@code c} rounds per block,
     * {@code d} at the end; SipHash-2-4 is the paper's, SipHash-1-3 the variant {@link TestIdHash} uses.
     */
    static long sipHash(int c, int d, long k0, long k1, byte[] data) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L,
                k1 ^ 0x7465646279746573L};
        int whole = data.length / 8 * 8;
        for (int i = 0; i < whole; i += 8) {
            long m = 0;
            for (int b = 7; b >= 0; b--) {
                m = m << 8 | (data[i + b] & 0xffL);
            }
            compress(v, m, c);
        }
        long last = (long) (data.length & 0xff) << 56;
        for (int b = 0; b < data.length - whole; b++) {
            last |= (data[whole + b] & 0xffL) << (8 * b);
        }
        compress(v, last, c);
        v[2] ^= 0xff;
        for (int round = 0; round < d; round++) {
            sipRound(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m, int rounds) {
        v[3] ^= m;
        for (int round = 0; round < rounds; round++) {
            sipRound(v);
        }
        v[0] ^= m;
    }

    private static void sipRound(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }

    /** The byte string {@link TestIdHash} hashes: scope length, scope, padding, name. */
    static byte[] encode(String scope, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = scope.length();
        for (int b = 0; b < 8; b++) {
            out.write((int) (length >>> (8 * b)));
        }
        units(scope, out);
        while (out.size() % 8 != 0) {
            out.write(0);
        }
        units(name, out);
        return out.toByteArray();
    }

    /** Each UTF-16 code unit as UTF-8 writes a character of its value, a lone surrogate too. */
    private static void units(String text, ByteArrayOutputStream out) {
        for (char unit : text.toCharArray()) {
            if (unit < 0x80) {
                out.write(unit);
            } else if (unit < 0x800) {
                out.write(0xc0 | unit >> 6);
                out.write(0x80 | unit & 0x3f);
            } else {
                out.write(0xe0 | unit >> 12);
                out.write(0x80 | unit >> 6 & 0x3f);
                out.write(0x80 | unit & 0x3f);
            }
        }
    }

    @Test
    void shouldImplementSipHashAsThePaperDefinesIt() {
        // given: the paper's key 00..0f
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        byte[] fifteen = new byte[15];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = (byte) i;
        }

        // then: the paper's test vector, and the first of the reference implementation's vectors
        assertThat(sipHash(2, 4, k0, k1, fifteen)).isEqualTo(0xa129ca6149be45e5L);
        assertThat(sipHash(2, 4, k0, k1, new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
    }

    @Test
    void shouldHashTheEncodedIdentityWithSipHash13WhateverTheLengthsCharactersAndTheScopeBefore() {
        // given: scopes and names of every length modulo 8 and beyond 256 bytes, characters of 1, 2 and 3 bytes,
        // lone surrogates, ASCII runs broken anywhere
        Random random = new Random(42);
        TestIdHash hash = new TestIdHash();
        for (int i = 0; i < 2_000; i++) {
            String scope = i % 7 == 0 ? "" : text(random, random.nextInt(i % 50 == 0 ? 300 : 20));
            String name = text(random, random.nextInt(i % 40 == 0 ? 200 : 12));
            long expected = sipHash(1, 3, TestIdHash.K0, TestIdHash.K1, encode(scope, name));

            // then: the same hash with the scope's state kept from the case before, from a fresh hasher, by TestId
            assertThat(hash.hash(scope, name)).as("%s / %s", scope, name).isEqualTo(expected);
            assertThat(hash.hash(new String(scope), name)).isEqualTo(expected);
            assertThat(TestIdentities.hash(new TestId(scope, name))).isEqualTo(expected);
        }
    }

    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            text.append(kind == 0 ? (char) (0x80 + random.nextInt(0x780)) : kind == 1 ? (char) (0x800 + random.nextInt(0xf7ff))
                    : kind == 2 ? (char) random.nextInt(0x80) : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    @Test
    void shouldTellApartIdentitiesThatJoinToTheSameText() {
        // given
        List<TestId> ids = List.of(new TestId("a.b", "c"), new TestId("a", "b.c"), new TestId("ab", ""),
                new TestId("a", "b"), new TestId("", "ab"), new TestId("abcd", ""), new TestId("", "abcd"),
                new TestId("abcd", "\0"), new TestId("abcd\0", ""), new TestId("", ""));

        // when
        Set<Long> hashes = new HashSet<>();
        ids.forEach(id -> hashes.add(TestIdentities.hash(id)));

        // then
        assertThat(hashes).hasSize(ids.size());
    }

    private static ReportInput xml(String name, String text) {
        return new ReportInput(name, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** 20 files of 50 tests: each fifth skipped, each seventh failing, one flaky, and a test repeated in each. */
    private static List<ReportInput> corpus() {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 20; file++) {
            StringBuilder xml = new StringBuilder("<testsuite name=\"S" + file + "\">");
            for (int test = 0; test < 50; test++) {
                xml.append("<testcase classname=\"com.acme.C").append(file).append("\" name=\"t").append(test)
                        .append("\">");
                if (test % 5 == 4) {
                    xml.append("<skipped/>");
                } else if (test % 7 == 3) {
                    xml.append("<error message=\"m\"/>");
                } else if (test == 1) {
                    xml.append("<flakyFailure message=\"once\"/>");
                }
                xml.append("</testcase>");
            }
            xml.append("<testcase name=\"noClass\"/><testcase classname=\"com.acme.Same\" name=\"again\"/>");
            inputs.add(xml("r" + file + ".xml", xml.append("</testsuite>").toString()));
        }
        return inputs;
    }

    @Test
    void shouldKnowEveryTestThatRanOrWasSkippedByIdentity() {
        // when
        TestIdentities identities = new ReportParser(TextLimits.DEFAULT, 2).parse(corpus()).identities();

        // then: ran means passed, failed, errored or flaky; a test repeated in every file counts once
        assertThat(identities.complete()).isTrue();
        assertThat(identities.tests()).isEqualTo(20 * 52);
        assertThat(identities.executedCount()).isEqualTo(20 * 41 + 1);
        assertThat(identities.skippedCount()).isEqualTo(20 * 10);
        assertThat(identities.executed(new TestId("com.acme.C3", "t0"))).isTrue();
        assertThat(identities.executed(new TestId("com.acme.C3", "t1"))).as("flaky").isTrue();
        assertThat(identities.executed(new TestId("com.acme.C3", "t3"))).as("errored").isTrue();
        assertThat(identities.executed(new TestId("com.acme.C3", "t4"))).as("skipped").isFalse();
        assertThat(identities.skipped(new TestId("com.acme.C3", "t4"))).isTrue();
        assertThat(identities.executed(new TestId("S3", "noClass"))).as("scoped by its suite").isTrue();
        assertThat(identities.executed(new TestId("com.acme.C3", "t50"))).isFalse();
        assertThat(identities.executed(new TestId("com.acme.C33", "t0"))).isFalse();
        assertThat(identities.named()).hasSize(20 * 42).startsWith(new TestId("com.acme.C0", "t0"),
                new TestId("com.acme.C0", "t1"), new TestId("com.acme.C0", "t2"), new TestId("com.acme.C0", "t3"),
                new TestId("com.acme.C0", "t5"));
        assertThat(identities.allNamed()).isTrue();
    }

    @Test
    void shouldGiveTheSameIdentitiesOnOneAndSeveralThreads() {
        // when
        TestIdentities single = new ReportParser(TextLimits.DEFAULT, 1).parse(corpus()).identities();
        TestIdentities two = new ReportParser(TextLimits.DEFAULT, 2).parse(corpus()).identities();
        TestIdentities four = new ReportParser(TextLimits.DEFAULT, 4).parse(corpus()).identities();

        // then
        for (TestIdentities other : List.of(two, four)) {
            assertThat(other.named()).isEqualTo(single.named());
            assertThat(other.executedCount()).isEqualTo(single.executedCount());
            assertThat(other.skippedCount()).isEqualTo(single.skippedCount());
            assertThat(single.executedMissingIn(other)).isZero();
            assertThat(other.executedMissingIn(single)).isZero();
            assertThat(single.executedOnlySkippedIn(other)).isZero();
        }
    }

    @Test
    void shouldKeepNoIdentityBeyondTheBoundWhateverTheNumberOfThreads() {
        // given: 1,040 test cases in all
        for (int threads : List.of(1, 2, 4)) {
            // when: at most as many kept, or one fewer
            TestIdentities atBound = new ReportParser(TextLimits.DEFAULT, threads, 1_040).parse(corpus()).identities();
            TestIdentities over = new ReportParser(TextLimits.DEFAULT, threads, 1_039).parse(corpus()).identities();

            // then
            assertThat(atBound.complete()).as("threads %d", threads).isTrue();
            assertThat(atBound.executedCount()).isEqualTo(20 * 41 + 1);
            assertThat(over.complete()).as("threads %d", threads).isFalse();
            assertThat(over.tests()).isEqualTo(1_040);
            assertThat(over.maxTests()).isEqualTo(1_039);
            assertThat(over.named()).isEmpty();
            assertThatThrownBy(over::executedCount).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ask complete() first");
        }
    }

    @Test
    void shouldDropIdentitiesOnceTheFilesReadTogetherHadMoreThanTheBound() {
        // given: one builder per file sharing one budget, as the parser makes them, fed before any is merged
        TestReport.Builder merged = TestReport.builder(TextLimits.DEFAULT, 3_000);
        List<TestReport.Builder> files = new ArrayList<>();
        for (int file = 0; file < 4; file++) {
            TestReport.Builder builder = merged.forFile(TestReport.KeptSoFar.NOTHING);
            for (int test = 0; test < 1_100; test++) {
                builder.testCase(TestCaseResult.builder().className("C" + file).name("t" + test)
                        .status(TestStatus.PASSED).build());
            }
            files.add(builder);
        }

        // when
        files.forEach(merged::addAll);

        // then: by its flush after 1,024 cases, the third file's builder knew that the files had 3,072 cases
        // together, more than the bound, and let go of what it held; so did the fourth; the first did not
        assertThat(files.get(0).build().identities().complete()).isTrue();
        assertThat(files.get(2).build().identities().complete()).isFalse();
        assertThat(files.get(3).build().identities().complete()).isFalse();
        assertThat(merged.build().identities().complete()).isFalse();
        assertThat(merged.build().identities().tests()).isEqualTo(4_400);
    }

    @Test
    void shouldCountTheCasesOfMergedFilesAgainstTheSharedBoundSoThatFilesReadAheadLetGoOfTheirs() {
        // given: two small files merged (fewer cases each than a builder counts at once), then a large one read
        TestReport.Builder merged = TestReport.builder(TextLimits.DEFAULT, 3_000);
        for (int file = 0; file < 2; file++) {
            TestReport.Builder small = merged.forFile(TestReport.KeptSoFar.NOTHING);
            for (int test = 0; test < 1_000; test++) {
                small.testCase(TestCaseResult.builder().className("S" + file).name("t" + test)
                        .status(TestStatus.PASSED).build());
            }
            merged.addAll(small);
        }

        // when
        TestReport.Builder large = merged.forFile(TestReport.KeptSoFar.NOTHING);
        for (int test = 0; test < 1_100; test++) {
            large.testCase(TestCaseResult.builder().className("L").name("t" + test).status(TestStatus.PASSED).build());
        }

        // then: at its first count, 1,024 cases, the large file knew of the 2,000 merged: 3,024 in all, over the
        // bound, so it holds no hash while it waits to be merged
        assertThat(large.build().identities().complete()).isFalse();
        assertThat(merged.build().identities().complete()).isTrue();
        assertThat(merged.addAll(large).build().identities().complete()).isFalse();
    }

    /** 60 files of 40 passing tests, each named with {@code chars} characters (class and name). */
    private static List<ReportInput> namedCorpus(int chars) {
        List<ReportInput> inputs = new ArrayList<>();
        for (int file = 0; file < 60; file++) {
            StringBuilder xml = new StringBuilder("<testsuite name=\"S\">");
            for (int test = 0; test < 40; test++) {
                xml.append("<testcase classname=\"").append(String.format("com.acme.Class%06d", file)).append("\" name=\"")
                        .append(String.format("test%0" + (chars - 24) + "d", test)).append("\"/>");
            }
            inputs.add(xml("r" + file + ".xml", xml.append("</testsuite>").toString()));
        }
        return inputs;
    }

    @Test
    void shouldNameOnlyTheFirstTestsThatRanInFileOrderWhateverTheNumberOfThreads() {
        // given: 2,400 tests named with 200 characters each (480,000 in all), or with 40 (96,000)
        for (int chars : List.of(200, 40)) {
            List<ReportInput> inputs = namedCorpus(chars);

            // when
            TestIdentities single = new ReportParser(TextLimits.DEFAULT, 1).parse(inputs).identities();
            TestIdentities two = new ReportParser(TextLimits.DEFAULT, 2).parse(inputs).identities();
            TestIdentities four = new ReportParser(TextLimits.DEFAULT, 4).parse(inputs).identities();

            // then: 100,000 characters hold 500 names of 200 characters; of 40 characters, MAX_NAMED_TESTS
            int expected = Math.min(TestIdentities.MAX_NAMED_TESTS, TestIdentities.MAX_NAMED_CHARS / chars);
            assertThat(single.named()).as("%d characters", chars).hasSize(expected).isEqualTo(two.named())
                    .isEqualTo(four.named());
            assertThat(single.named().get(expected - 1)).isEqualTo(new TestId(String.format("com.acme.Class%06d",
                    (expected - 1) / 40), String.format("test%0" + (chars - 24) + "d", (expected - 1) % 40)));
            assertThat(single.allNamed()).isFalse();
            assertThat(single.executedCount()).isEqualTo(2_400);
        }
    }

    @Test
    void shouldCompareTheTestsThatRanWithALaterRun() {
        // given
        TestIdentities before = TestIdentities.ofExecuted(List.of(new TestId("C", "kept"), new TestId("C", "deleted"),
                new TestId("C", "skippedLater"), new TestId("C", "skippedAndRunLater")));
        TestReport.Builder later = TestReport.builder(TextLimits.DEFAULT);
        later.testCase(TestCaseResult.builder().className("C").name("kept").status(TestStatus.FAILED).build());
        later.testCase(TestCaseResult.builder().className("C").name("skippedLater").status(TestStatus.SKIPPED).build());
        later.testCase(TestCaseResult.builder().className("C").name("skippedAndRunLater").status(TestStatus.SKIPPED)
                .build());
        later.testCase(TestCaseResult.builder().className("C").name("skippedAndRunLater").status(TestStatus.PASSED)
                .build());
        later.testCase(TestCaseResult.builder().className("C").name("added").status(TestStatus.PASSED).build());
        TestIdentities after = later.build().identities();

        // then
        assertThat(before.executedMissingIn(after)).isEqualTo(1);
        assertThat(before.executedOnlySkippedIn(after)).isEqualTo(1);
        assertThat(after.executedMissingIn(before)).as("added").isEqualTo(1);
        assertThat(TestIdentities.empty().executedMissingIn(after)).isZero();
        assertThat(before.executedMissingIn(TestIdentities.empty())).isEqualTo(4);
    }
}
