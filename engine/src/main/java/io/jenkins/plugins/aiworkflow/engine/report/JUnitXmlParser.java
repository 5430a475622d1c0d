package io.jenkins.plugins.aiworkflow.engine.report;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.jenkins.plugins.aiworkflow.engine.text.HeadTailBuffer;
import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * One-pass streaming reader of the JUnit XML family (Surefire/Failsafe, JUnit Platform,
 * TestNG, Gradle, pytest, jest-junit, mocha-junit-reporter, go-junit-report, gotestsum...).
 *
 * <p>Every {@code <testcase>} is handed to a {@link TestCaseListener} as soon as it ends;
 * nothing per file is held, so memory does not grow with file size. Texts are read only
 * where they can matter (failures, errors, skips, and the output of such cases) and are
 * kept as head + tail within {@link TextLimits}; names and types within
 * {@value #MAX_NAME_CHARS} characters, the first {@value #MAX_PROBLEMS_PER_CASE} problems of a case.
 * DOCTYPE declarations are refused before anything in them is resolved, so external entities
 * and entity expansion cannot happen.
 *
 * <p>Memory does not grow with the largest text node or attribute either. The XML reader (Aalto,
 * chosen for speed) builds each text node, attribute value and tag whole, so a file is first
 * read as it is, with at most {@value #MAX_PART_BYTES} bytes read per reader call. A file with a
 * larger part (100 MB of a stack trace, of output, of an attribute) is then read again from the
 * start through {@link BoundedXmlInput}, which hands the reader such parts in pieces or cut to
 * head and tail; the test cases delivered by the first reading are not delivered twice.
 *
 * <p>Thread-safe: one instance may parse many files at once.
 */
public final class JUnitXmlParser {
    /** The most bytes the XML reader may read in one call, so about the largest part it builds whole. */
    static final int MAX_PART_BYTES = 1024 * 1024;
    /** Test, class, suite and file names and problem types are cut to head and tail beyond this. */
    public static final int MAX_NAME_CHARS = 1_000;
    /** Problems kept per test case (a flaky test may record one per rerun); later ones still set the status. */
    public static final int MAX_PROBLEMS_PER_CASE = 10;
    /** Distinct names shared per file reading at most; beyond, sharing starts afresh (memory per file stays flat). */
    static final int MAX_SHARED_NAMES = 512;
    /** Elements nested in one another at most: the XML reader and the open suites take memory per level. */
    public static final int MAX_DEPTH = 1_000;
    /**
     * Distinct element, attribute and processing instruction names in one file at most: the XML reader's name
     * table slows down with its size (80,000 names took seconds, 320,000 minutes), and the JUnit XML family uses
     * a few dozen.
     */
    public static final int MAX_DISTINCT_NAMES = 10_000;
    /**
     * Distinct names the files read through one reader factory may have brought before the factory is set aside
     * for a new one. A factory keeps every name its documents had in its name table, which spares the next file
     * building the table anew; files one after another could each add {@link #MAX_DISTINCT_NAMES}, hence a bound.
     */
    static final int MAX_NAMES_PER_FACTORY = 2_000;
    private static final Pattern THOUSANDS_WITH_COMMAS = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d*)?");

    private final TextLimits limits;
    /** Reader factories not in use, each used by one reading at a time, so a thread has one to itself. */
    private final Queue<ReaderFactory> idleFactories = new ConcurrentLinkedQueue<>();
    private final AtomicInteger factoriesMade = new AtomicInteger();
    private final long firstReadingBound;
    private final int pieceBytes;
    private final int valueBytesKept;

    public JUnitXmlParser(TextLimits limits) {
        this(limits, MAX_PART_BYTES, BoundedXmlInput.PIECE_BYTES, BoundedXmlInput.VALUE_BYTES_KEPT);
    }

    /**
     * With other bounds, for tests: a {@code firstReadingBound} of 0 reads every file in bounded pieces
     * of {@code pieceBytes}, attribute values cut beyond twice {@code valueBytesKept}.
     */
    JUnitXmlParser(TextLimits limits, long firstReadingBound, int pieceBytes, int valueBytesKept) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.firstReadingBound = firstReadingBound;
        this.pieceBytes = pieceBytes;
        this.valueBytesKept = valueBytesKept;
    }

    /** A reader factory and the names its name table may hold: those of the files read through it. */
    private static final class ReaderFactory {
        final XMLInputFactory factory = createFactory();
        final Set<String> names = new HashSet<>();
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory2.P_INTERN_NAMES, true);
        return factory;
    }

    /**
     * Reads one report. Test cases read before a problem still reach the listener; whatever the
     * XML reader throws for the file becomes its problem.
     *
     * @param input    the report: its name, used in results and problems, and its bytes (encoding
     *                 from BOM or XML declaration, UTF-8 by default)
     * @param listener receives each test case and each suite's totals
     * @return the problem that stopped reading, if any
     * @throws IOException when the file cannot be opened
     */
    public Optional<ReportProblem> parse(ReportInput input, TestCaseListener listener) throws IOException {
        String file = input.name();
        Delivery delivery = new Delivery(listener);
        Outcome first;
        try (InputStream in = input.opener().open(); BufferedBytes buffered = new BufferedBytes(in)) {
            if (buffered.peek(new byte[1], 1) == 0) {
                return Optional.of(new ReportProblem(file, ReportProblem.Kind.EMPTY,
                        "empty file (0 bytes); a test run that crashed or is still writing leaves such files"));
            }
            first = read(new ReaderInput(buffered, firstReadingBound), file, delivery, false);
        }
        if (!first.partTooLarge()) {
            return first.problem();
        }
        // A part too large to build whole: read again, in bounded pieces, without delivering twice.
        delivery.startAgain();
        try (InputStream in = input.opener().open(); BufferedBytes buffered = new BufferedBytes(in)) {
            byte[] start = new byte[4];
            int length = buffered.peek(start, start.length);
            if (!BoundedXmlInput.isAsciiCompatible(start, length)) {
                return Optional.of(new ReportProblem(file, ReportProblem.Kind.TOO_LARGE, "a part (text, attribute "
                        + "or tag) longer than " + MAX_PART_BYTES + " bytes in a report encoded in UTF-16, UTF-32 or "
                        + "EBCDIC; accepted: such parts in UTF-8 or ISO-8859 reports, shorter ones in any encoding"));
            }
            Outcome bounded = read(new ReaderInput(new BoundedXmlInput(buffered, file, pieceBytes, valueBytesKept),
                    MAX_PART_BYTES), file, delivery, true);
            if (bounded.partTooLarge()) {
                return Optional.of(new ReportProblem(file, ReportProblem.Kind.TOO_LARGE, "a part longer than "
                        + MAX_PART_BYTES + " bytes that cannot be read in pieces (such as a CDATA section of ']' "
                        + "only); accepted: text, CDATA sections, comments and attribute values of any length"));
            }
            return bounded.problem();
        }
    }

    /** Reader factories this parser made so far: one per file read at once, and one more per factory set aside. */
    int factoriesMade() {
        return factoriesMade.get();
    }

    /** How one reading of a file ended: a problem or none, or a part too large to build whole. */
    private record Outcome(Optional<ReportProblem> problem, boolean partTooLarge) {
        static final Outcome TOO_LARGE = new Outcome(Optional.empty(), true);

        static Outcome of(Optional<ReportProblem> problem) {
            return new Outcome(problem, false);
        }
    }

    private Outcome read(ReaderInput bytes, String file, Delivery delivery, boolean bounded) {
        XMLStreamReader2 reader = null;
        ReaderFactory factory = idleFactories.poll();
        if (factory == null) {
            factory = new ReaderFactory();
            factoriesMade.incrementAndGet();
        }
        FileReading reading = null;
        try {
            bytes.startCall();
            reader = (XMLStreamReader2) factory.factory.createXMLStreamReader(bytes);
            reading = new FileReading(reader, bytes, file, delivery, bounded);
            return Outcome.of(reading.read());
        } catch (ListenerFailure e) {
            throw e.getCause();
        } catch (BoundedXmlInput.TooLarge e) {
            return Outcome.of(Optional.of(e.problem()));
        } catch (XMLStreamException | RuntimeException e) {
            if (causedBy(e, ReaderInput.PartTooLarge.class) != null) {
                return Outcome.TOO_LARGE;
            }
            BoundedXmlInput.TooLarge tooLarge = causedBy(e, BoundedXmlInput.TooLarge.class);
            if (tooLarge != null) {
                return Outcome.of(Optional.of(tooLarge.problem()));
            }
            // Aalto also throws unchecked exceptions, e.g. from lazily parsed text in getText()
            return Outcome.of(Optional.of(describe(file, e, bytes)));
        } finally {
            if (reader != null) {
                try {
                    reader.closeCompletely();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // closing a broken document; the problem is already reported
                }
            }
            release(factory, reading);
        }
    }

    /**
     * Offers the factory to the next reading unless the names it may now hold, this file's counted, are more
     * than {@link #MAX_NAMES_PER_FACTORY}. The reader may have taken in one name more than the file's count (the
     * one that stopped it); a reading that could not even start counted none and took in none.
     */
    private void release(ReaderFactory factory, FileReading reading) {
        if (reading != null) {
            factory.names.addAll(reading.distinctNames);
        }
        if (factory.names.size() <= MAX_NAMES_PER_FACTORY) {
            idleFactories.offer(factory);
        }
    }

    private static <T extends Throwable> T causedBy(Throwable thrown, Class<T> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * What the XML reader's failure means for the file: the source failing is UNREADABLE; a failure
     * after the reader was told that the input ended is TRUNCATED, whatever the reader calls it (a
     * cut UTF-16 character, an unclosed CDATA section); anything else is MALFORMED.
     */
    private static ReportProblem describe(String file, Exception thrown, ReaderInput bytes) {
        if (bytes.sourceFailure() != null) {
            return new ReportProblem(file, ReportProblem.Kind.UNREADABLE, "could not be read: "
                    + bytes.sourceFailure().getMessage());
        }
        Exception e = thrown.getCause() instanceof XMLStreamException cause ? cause : thrown;
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        int at = message.indexOf("\n at [");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        message = Truncation.headTail(message.replace('\n', ' ').strip(), 300);
        Location location = e instanceof XMLStreamException xml ? xml.getLocation() : null;
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column "
                + location.getColumnNumber();
        if (bytes.endReached()) {
            return new ReportProblem(file, ReportProblem.Kind.TRUNCATED, "truncated: the file ends" + where
                    + " before the document is complete (" + message + ")");
        }
        return new ReportProblem(file, ReportProblem.Kind.MALFORMED, "not well-formed XML" + where + ": " + message);
    }

    /** Lenient number reading: "1,234.5", "1.5s", "0,25" and empty values appear in real reports. */
    static double parseSeconds(String value) {
        if (value == null) {
            return Double.NaN;
        }
        double plain = parsePlainDecimal(value);
        if (plain >= 0) {
            return plain;
        }
        String text = value.strip();
        if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            return Double.NaN;
        }
        if (text.indexOf(',') >= 0) {
            text = THOUSANDS_WITH_COMMAS.matcher(text).matches() ? text.replace(",", "") : text.replace(',', '.');
        }
        try {
            double seconds = Double.parseDouble(text);
            return Double.isFinite(seconds) && seconds >= 0 ? seconds : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    };

    /**
     * The common {@code time="0.012"} form (digits, at most one dot, at most 18 digits) without
     * Double.parseDouble: this runs for every test case. A mantissa below 2^53 divided by an exact
     * power of ten is correctly rounded, so the result equals Double.parseDouble's.
     * Returns -1 for anything else, which the general path then handles.
     */
    private static double parsePlainDecimal(String text) {
        return text.length() > 19 ? -1 : parsePlainDecimal(text.toCharArray(), 0, text.length());
    }

    static double parsePlainDecimal(char[] chars, int start, int end) {
        int length = end - start;
        if (length == 0 || length > 19) {
            return -1;
        }
        long mantissa = 0;
        int digits = 0;
        int dot = -1;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
            } else if (c == '.' && dot < 0) {
                dot = i;
            } else {
                return -1;
            }
        }
        if (digits == 0 || digits > 15) { // 15 digits stay below 2^53
            return -1;
        }
        int fractionDigits = dot < 0 ? 0 : end - dot - 1;
        return mantissa / POWERS_OF_TEN[fractionDigits];
    }

    private static int parseLine(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            int line = Integer.parseInt(value.strip());
            return line >= 0 ? line : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Hands test cases and suites to the listener. When a file is read a second time, the cases
     * and suites the first reading delivered are not delivered again.
     */
    private static final class Delivery {
        private final TestCaseListener listener;
        private long cases;
        private long suites;
        private long casesToSkip;
        private long suitesToSkip;

        Delivery(TestCaseListener listener) {
            this.listener = listener;
        }

        void startAgain() {
            casesToSkip = cases;
            suitesToSkip = suites;
            cases = 0;
            suites = 0;
        }

        void testCase(TestCaseResult testCase) {
            if (cases++ < casesToSkip) {
                return;
            }
            try {
                listener.testCase(testCase);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }

        /** Texts of a case the first reading delivered already, or that the listener would not keep, are skipped. */
        boolean wantsTexts(ProblemKind kind) {
            return cases >= casesToSkip && listener.wantsTexts(kind);
        }

        void suite(SuiteSummary suite) {
            if (suites++ < suitesToSkip) {
                return;
            }
            try {
                listener.suite(suite);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    /** State of reading one file. */
    private final class FileReading {
        // The problem kinds a test case holds, as bits of one int.
        private static final int FAILURE = 1;
        private static final int ERROR = 2;
        private static final int RERUN_FAILURE = 4;
        private static final int RERUN_ERROR = 8;
        private static final int SKIPPED = 16;
        private static final int FLAKY = 32;
        /** Not a kind: {@link #readCaseChild} asks its caller to skip the child. */
        private static final int SKIP_CHILD = 1 << 30;

        private final XMLStreamReader2 reader;
        private final ReaderInput bytes;
        private final String file;
        private final Delivery delivery;
        private final boolean bounded;
        private final Deque<SuiteState> suites = new ArrayDeque<>();
        // Class names repeat for every case of a file: share one String per distinct name. Bounded:
        // a file of a million distinct names must not hold them all (sharing is only a saving).
        private final Map<String, String> names = new HashMap<>();
        private String lastName;
        private char[] lastNameChars = new char[0]; // lastName's characters, compared in bulk
        // Reused for every case and text of the file: most of what a reading would otherwise allocate.
        private final AttributeChars attributeChars = new AttributeChars();
        private final TestCaseResult.Builder builder = TestCaseResult.builder();
        private final HeadTailBuffer details = new HeadTailBuffer(limits.maxDetailsChars());
        private final HeadTailBuffer output = new HeadTailBuffer(limits.maxTestOutputChars());
        private int depth;
        private int problemsInCase;
        private final Set<String> distinctNames = new HashSet<>();
        private String lastElement;
        // The attribute names last counted: a file's test cases repeat the same few.
        private String[] lastAttributes = new String[8];
        private int lastAttributeCount;

        FileReading(XMLStreamReader2 reader, ReaderInput bytes, String file, Delivery delivery, boolean bounded) {
            this.reader = reader;
            this.bytes = bytes;
            this.file = file;
            this.delivery = delivery;
            this.bounded = bounded;
        }

        /** Every call that makes the reader read goes through here or {@link #appendText}: bounded per call. */
        private int next() throws XMLStreamException {
            bytes.startCall();
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++depth > MAX_DEPTH) {
                    throw new BoundedXmlInput.TooLarge(new ReportProblem(file, ReportProblem.Kind.TOO_LARGE, "elements "
                            + "nested deeper than " + MAX_DEPTH + " levels; accepted: at most " + MAX_DEPTH
                            + " levels (JUnitXmlParser.MAX_DEPTH)"));
                }
                countNames();
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                countName(reader.getPITarget()); // the reader keeps targets in its name table too
            }
            return event;
        }

        /**
         * Counts the element's name and its attributes' names among the file's distinct names. The
         * reader interns names, and a file repeats a few of them: most calls end at the first comparison.
         */
        private void countNames() {
            String element = reader.getLocalName();
            if (element != lastElement) {
                lastElement = element;
                countName(element);
            }
            int count = reader.getAttributeCount();
            boolean same = count == lastAttributeCount;
            for (int i = 0; i < count && same; i++) {
                same = reader.getAttributeLocalName(i) == lastAttributes[i];
            }
            if (same) {
                return;
            }
            if (count > lastAttributes.length) {
                lastAttributes = new String[Math.max(count, 2 * lastAttributes.length)];
            }
            for (int i = 0; i < count; i++) {
                String attribute = reader.getAttributeLocalName(i);
                lastAttributes[i] = attribute;
                countName(attribute);
            }
            lastAttributeCount = count;
        }

        private void countName(String name) {
            if (distinctNames.add(name) && distinctNames.size() > MAX_DISTINCT_NAMES) {
                throw new BoundedXmlInput.TooLarge(new ReportProblem(file, ReportProblem.Kind.TOO_LARGE, "more than "
                        + MAX_DISTINCT_NAMES + " distinct element, attribute and processing instruction names; "
                        + "accepted: at most " + MAX_DISTINCT_NAMES + " (JUnitXmlParser.MAX_DISTINCT_NAMES), reports "
                        + "of the JUnit XML family use a few dozen"));
            }
        }

        /** Appends the current text event; the reader builds the rest of a lazily read text node here. */
        private void appendText(HeadTailBuffer text) throws XMLStreamException {
            bytes.startCall();
            text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        /** A value cut to head and tail; in a bounded reading it may have been cut before (see BoundedXmlInput). */
        private String cut(String value, int maxChars) {
            if (value == null || value.length() <= maxChars) {
                return value;
            }
            return bounded ? BoundedXmlInput.headTail(value, maxChars) : Truncation.headTail(value, maxChars);
        }

        private String name(String value) {
            return cut(value, MAX_NAME_CHARS);
        }

        Optional<ReportProblem> read() throws XMLStreamException {
            boolean sawRoot = false;
            while (reader.hasNext()) {
                int event = next();
                if (event == XMLStreamConstants.DTD) {
                    return Optional.of(new ReportProblem(file, ReportProblem.Kind.REFUSED, "DOCTYPE declarations are not accepted in test "
                            + "reports (protection against external entities and entity expansion); "
                            + "the file was not read"));
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    if (!sawRoot) {
                        sawRoot = true;
                        if (!element.equals("testsuites") && !element.equals("testsuite")) {
                            return Optional.of(new ReportProblem(file, ReportProblem.Kind.NOT_A_REPORT, "root element <" + element
                                    + "> is not a JUnit XML report (accepted roots: <testsuites>, <testsuite>)"));
                        }
                    }
                    startElement(element);
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testsuite")) {
                    SuiteState suite = suites.pop();
                    deliver(new SuiteSummary(suite.name, file, suite.counts(), suite.durationSeconds));
                }
            }
            if (!sawRoot) {
                return Optional.of(new ReportProblem(file, ReportProblem.Kind.TRUNCATED,
                        "no root element: the file holds no XML document"));
            }
            return Optional.empty();
        }

        private void deliver(TestCaseResult testCase) {
            delivery.testCase(testCase);
        }

        private void deliver(SuiteSummary suite) {
            delivery.suite(suite);
        }

        private void startElement(String element) throws XMLStreamException {
            switch (element) {
                case "testsuites" -> {
                    // a container only; its totals are recounted from the test cases
                }
                case "testsuite" -> suites.push(new SuiteState(
                        intern(name(attribute("name"))), parseSeconds(attribute("time"))));
                case "testcase" -> readTestCase();
                case "failure", "error" -> readSuiteLevelProblem(element);
                default -> skipElement(); // properties, suite output, unknown extensions
            }
        }

        private String attribute(String name) {
            return reader.getAttributeValue(null, name);
        }

        private String intern(String value) {
            if (value == null) {
                return "";
            }
            if (value.equals(lastName)) {
                return lastName; // consecutive cases nearly always share their class
            }
            String shared = names.get(value);
            if (shared == null) {
                if (names.size() >= MAX_SHARED_NAMES) {
                    names.clear(); // a file of ever new names must not hold them all
                }
                names.put(value, value);
                shared = value;
            }
            lastName = shared;
            lastNameChars = shared.toCharArray();
            return lastName;
        }

        /** The current attribute's value as a shared name, without a new String when it repeats the last one. */
        private String internAttribute(int index) throws XMLStreamException {
            reader.getAttributeAs(index, attributeChars);
            if (lastName != null && attributeChars.contentEquals(lastNameChars)) {
                return lastName;
            }
            return intern(name(attributeChars.toString()));
        }

        private String attributeValue(int index) throws XMLStreamException {
            reader.getAttributeAs(index, attributeChars);
            return attributeChars.toString();
        }

        private String currentSuiteName() {
            SuiteState suite = suites.peek();
            return suite == null ? "" : suite.name;
        }

        private void readTestCase() throws XMLStreamException {
            TestCaseResult.Builder builder = this.builder.reset()
                    .reportFile(file)
                    .suiteName(currentSuiteName());
            // One pass over the attributes: names are interned by the reader, so each switch is cheap.
            for (int i = 0, count = reader.getAttributeCount(); i < count; i++) {
                switch (reader.getAttributeLocalName(i)) {
                    case "name" -> builder.name(name(attributeValue(i)));
                    case "classname" -> builder.className(internAttribute(i));
                    case "time" -> {
                        reader.getAttributeAs(i, attributeChars);
                        builder.durationSeconds(attributeChars.seconds());
                    }
                    case "file" -> builder.sourceFile(internAttribute(i));
                    case "line" -> builder.line(parseLine(attributeValue(i)));
                    default -> {
                        // other attributes (assertions, timestamp, ...) carry nothing the gate uses
                    }
                }
            }
            // The loop a passing case takes is kept small: the JIT compiles it early, while the rare
            // children (problems, output of a failing case) are read in a method of their own. What is
            // skipped is skipped by this loop itself (counting depth), not by skipElement(): with a single
            // place that reads the next event, C2 inlines the XML reader's next() here once, not once per
            // place, and compiles this loop small whatever it compiled first (docs/performance.md).
            int seen = 0;
            int skipping = 0; // depth inside a child being skipped
            problemsInCase = 0;
            while (true) {
                int event = next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (skipping > 0) {
                        skipping++;
                        continue;
                    }
                    String element = reader.getLocalName();
                    if (seen == 0 && (element.equals("system-out") || element.equals("system-err"))) {
                        // Every known tool writes output after the failure element, so a case without a
                        // problem so far is passing: skipping its output saves the most time.
                        skipping = 1;
                    } else {
                        int answer = readCaseChild(builder, element, seen);
                        seen = answer & ~SKIP_CHILD;
                        skipping = (answer & SKIP_CHILD) != 0 ? 1 : 0;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (skipping == 0) {
                        break;
                    }
                    skipping--;
                }
            }
            TestStatus status;
            if ((seen & ERROR) != 0) {
                status = TestStatus.ERRORED;
            } else if ((seen & FAILURE) != 0) {
                status = TestStatus.FAILED;
            } else if ((seen & RERUN_ERROR) != 0) {
                status = TestStatus.ERRORED;
            } else if ((seen & RERUN_FAILURE) != 0) {
                status = TestStatus.FAILED;
            } else if ((seen & SKIPPED) != 0) {
                status = TestStatus.SKIPPED;
            } else {
                status = TestStatus.PASSED;
            }
            TestCaseResult testCase = builder.status(status).flaky((seen & FLAKY) != 0).build();
            SuiteState suite = suites.peek();
            if (suite != null) {
                suite.add(testCase);
            }
            deliver(testCase);
        }

        /**
         * One child of a test case other than the output of a case passing so far: a problem record, the
         * output of a failing, skipped or flaky case, or an element its caller is to skip.
         *
         * @param seen the problem kinds seen so far in the case, as bits
         * @return the kinds seen, this child's included, and {@link #SKIP_CHILD} when the caller is to skip the
         *         child (it has not been read past)
         */
        private int readCaseChild(TestCaseResult.Builder builder, String element, int seen) throws XMLStreamException {
            // TestNG's JUnitXMLReporter writes <ignored/> for disabled tests: not run, so skipped.
            ProblemKind kind = element.equals("ignored") ? ProblemKind.SKIPPED : ProblemKind.fromElementName(element);
            if (kind != null) {
                int withKind = seen | switch (kind) {
                    case FAILURE -> FAILURE;
                    case ERROR -> ERROR;
                    case RERUN_FAILURE -> RERUN_FAILURE;
                    case RERUN_ERROR -> RERUN_ERROR;
                    case FLAKY_FAILURE, FLAKY_ERROR -> FLAKY;
                    case SKIPPED -> SKIPPED;
                };
                if (problemsInCase++ < MAX_PROBLEMS_PER_CASE && delivery.wantsTexts(kind)) {
                    builder.addProblem(readProblem(kind));
                    return withKind;
                }
                return withKind | SKIP_CHILD;
            }
            if (element.equals("system-out") || element.equals("system-err")) {
                ProblemKind sofar = (seen & (FAILURE | ERROR | RERUN_FAILURE | RERUN_ERROR)) != 0 ? ProblemKind.FAILURE
                        : (seen & SKIPPED) != 0 ? ProblemKind.SKIPPED : ProblemKind.FLAKY_FAILURE;
                if (delivery.wantsTexts(sofar)) {
                    String text = readText(output);
                    if (element.equals("system-out")) {
                        builder.systemOut(text);
                    } else {
                        builder.systemErr(text);
                    }
                    return seen;
                }
            }
            return seen | SKIP_CHILD;
        }

        /** A failure or error directly inside a suite (set-up failures in some tools) counts as one test. */
        private void readSuiteLevelProblem(String element) throws XMLStreamException {
            ProblemKind kind = element.equals("error") ? ProblemKind.ERROR : ProblemKind.FAILURE;
            String suiteName = currentSuiteName();
            TestCaseResult testCase = TestCaseResult.builder()
                    .reportFile(file)
                    .suiteName(suiteName)
                    .className(suiteName)
                    .name("(suite " + element + ")")
                    .status(kind == ProblemKind.ERROR ? TestStatus.ERRORED : TestStatus.FAILED)
                    .addProblem(readProblem(kind))
                    .build();
            SuiteState suite = suites.peek();
            if (suite != null) {
                suite.add(testCase);
            }
            deliver(testCase);
        }

        private TestProblem readProblem(ProblemKind kind) throws XMLStreamException {
            String type = name(attribute("type"));
            String message = cut(attribute("message"), limits.maxMessageChars());
            details.clear();
            int depth = 0;
            while (true) {
                int event = next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            appendText(details);
                    case XMLStreamConstants.START_ELEMENT -> {
                        // Surefire nests <stackTrace>, <system-out> and <system-err> in flaky and rerun records.
                        if (reader.getLocalName().equals("stackTrace")) {
                            depth++;
                        } else {
                            skipElement();
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 0) {
                            return new TestProblem(kind, type, message, details.toStrippedString());
                        }
                        depth--;
                    }
                    default -> {
                        // comments, processing instructions
                    }
                }
            }
        }

        private String readText(HeadTailBuffer text) throws XMLStreamException {
            text.clear();
            while (true) {
                int event = next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            appendText(text);
                    case XMLStreamConstants.START_ELEMENT -> skipElement();
                    case XMLStreamConstants.END_ELEMENT -> {
                        return text.toString();
                    }
                    default -> {
                        // comments, processing instructions
                    }
                }
            }
        }
    }

    /** Carries a listener's own failure past the handler that turns reader failures into report problems. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /** Totals of one open {@code <testsuite>}. */
    private static final class SuiteState {
        final String name;
        final double durationSeconds;
        final TestTally tally = new TestTally();

        SuiteState(String name, double durationSeconds) {
            this.name = name;
            this.durationSeconds = durationSeconds;
        }

        void add(TestCaseResult testCase) {
            tally.add(testCase);
        }

        TestCounts counts() {
            return tally.counts();
        }
    }
}
