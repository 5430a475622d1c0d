package io.jenkins.plugins.aiworkflow.engine.report;

import io.jenkins.plugins.aiworkflow.engine.text.Truncation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a report's bytes so that the XML reader never holds a large part of it at once, while
 * it reads the same test cases, texts and attributes (Aalto builds every text node, attribute
 * value and tag whole before handing it out):
 * <ul>
 *   <li>text longer than {@value #PIECE_BYTES} bytes is split by an empty comment
 *       ({@code <!---->}), a CDATA section into several adjacent sections, a comment into several
 *       comments: the reader hands out the pieces one by one and the text is unchanged;</li>
 *   <li>an attribute value longer than {@value #VALUE_BYTES} bytes keeps its first and last
 *       {@value #VALUE_BYTES_KEPT} bytes around a {@code [... N chars truncated ...]} marker (N in
 *       characters of UTF-8 text, references counted as one), and reading goes on;</li>
 *   <li>a tag (names and attributes, the kept values included) or a processing instruction longer
 *       than {@value #MARKUP_BYTES} bytes cannot be cut without changing the document: reading stops
 *       with a {@link ReportProblem.Kind#TOO_LARGE} problem.</li>
 * </ul>
 * Works on the bytes of encodings in which markup characters are single ASCII bytes (UTF-8,
 * ISO-8859-*, windows-125*); pieces are split only between characters and outside references.
 * Slower than reading the file as it is, so {@link JUnitXmlParser} uses it only for a file that
 * has such a part. Not thread-safe.
 */
final class BoundedXmlInput extends InputStream {
    /** Text, CDATA and comments are handed to the reader in pieces of about this many bytes. */
    static final int PIECE_BYTES = 64 * 1024;
    /** Attribute values longer than this are cut. */
    static final int VALUE_BYTES = 64 * 1024;
    static final int VALUE_BYTES_KEPT = VALUE_BYTES / 2;
    /** The longest tag or processing instruction read. */
    static final int MARKUP_BYTES = 1024 * 1024;

    private static final byte[] TEXT_SPLIT = "<!---->".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CDATA_SPLIT = "]]><![CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMENT_SPLIT = "--><!--".getBytes(StandardCharsets.US_ASCII);
    /** The marker as it appears in a value the reader decoded (see {@link Truncation#marker(long)}). */
    private static final Pattern DECODED_MARKER = Pattern.compile("\n\\[\\.\\.\\. (\\d+) chars truncated \\.\\.\\.]\n");

    private enum State { TEXT, MARKUP_START, BANG, COMMENT, CDATA, PI, TAG, VALUE, DECLARATION }

    private final InputStream in;
    private final String file;
    private final int pieceBytes;
    private final int valueBytesKept;
    private final byte[] chunk = new byte[64 * 1024];
    private byte[] out = new byte[chunk.length + 1024];
    private int outStart;
    private int outEnd;
    private boolean ended;

    private State state = State.TEXT;
    private int previous = -1;
    private int continuations; // UTF-8 continuation bytes in a row
    private long run;          // bytes of the current piece (text, CDATA, comment) or markup
    private boolean inReference;
    private int referenceBytes;
    private int dashes;        // comment: '-' in a row; CDATA: ']' in a row; PI: 1 after '?'
    private final byte[] bang = new byte[8];
    private int bangLength;
    private byte quote;
    private int declarationDepth;
    private byte declarationQuote;

    // the attribute value being read
    private long valueBytes;
    private boolean cutting;
    private byte[] valueTail; // allocated on the first cut
    private int valueTailStart;
    private int valueTailLength;
    private long droppedChars;
    private boolean droppedInReference;

    BoundedXmlInput(InputStream in, String file) {
        this(in, file, PIECE_BYTES, VALUE_BYTES_KEPT);
    }

    /** With other sizes, for tests: pieces of 1 byte split text at every character. */
    BoundedXmlInput(InputStream in, String file, int pieceBytes, int valueBytesKept) {
        this.in = in;
        this.file = file;
        this.pieceBytes = pieceBytes;
        this.valueBytesKept = valueBytesKept;
    }

    /** True when the first bytes show an encoding whose markup is not plain ASCII bytes (UTF-16, UTF-32, EBCDIC). */
    static boolean isAsciiCompatible(byte[] start, int length) {
        if (length >= 2 && ((start[0] & 0xff) == 0xfe && (start[1] & 0xff) == 0xff
                || (start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xfe)) {
            return false;
        }
        if (length >= 2 && (start[0] == 0 || start[1] == 0)) {
            return false;
        }
        return length < 1 || (start[0] & 0xff) != 0x4c; // EBCDIC '<'
    }

    /**
     * {@link Truncation#headTail(String, int)} of a value this input may have cut already: the new
     * marker counts what both cuts left out.
     */
    static String headTail(String value, int maxChars) {
        String cut = Truncation.headTail(value, maxChars);
        if (cut == null || cut.length() == value.length() || maxChars <= 0) {
            return cut;
        }
        Matcher marker = DECODED_MARKER.matcher(value);
        int head = (maxChars + 1) / 2;
        int tail = maxChars - head;
        if (!marker.find(head) || marker.end() > value.length() - tail) {
            return cut;
        }
        long dropped = value.length() - (long) head - tail - marker.group().length()
                + Long.parseLong(marker.group(1));
        return value.substring(0, head) + Truncation.marker(dropped) + value.substring(value.length() - tail);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outStart == outEnd) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, outEnd - outStart);
        System.arraycopy(out, outStart, buffer, offset, n);
        outStart += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void fill() throws IOException {
        outStart = 0;
        outEnd = 0;
        int read = in.read(chunk, 0, chunk.length);
        if (read < 0) {
            ended = true;
            return;
        }
        for (int i = 0; i < read; i++) {
            accept(chunk[i]);
        }
    }

    private void accept(byte b) {
        int c = b & 0xff;
        switch (state) {
            case TEXT -> text(b, c);
            case MARKUP_START -> {
                emit(b);
                run = 2;
                switch (c) {
                    case '!' -> {
                        state = State.BANG;
                        bangLength = 0;
                    }
                    case '?' -> {
                        state = State.PI;
                        dashes = 0;
                    }
                    default -> state = State.TAG;
                }
            }
            case BANG -> bang(b, c);
            case COMMENT -> comment(b, c);
            case CDATA -> cdata(b, c);
            case PI -> {
                emit(b);
                markup();
                if (c == '>' && dashes == 1) {
                    toText();
                } else {
                    dashes = c == '?' ? 1 : 0;
                }
            }
            case TAG -> {
                emit(b);
                markup();
                if (c == '"' || c == '\'') {
                    state = State.VALUE;
                    quote = b;
                    startValue();
                } else if (c == '>') {
                    toText();
                }
            }
            case VALUE -> value(b, c);
            case DECLARATION -> declaration(b, c);
            default -> throw new IllegalStateException("unknown state " + state);
        }
        continuations = (c & 0xc0) == 0x80 ? continuations + 1 : 0;
        previous = c;
    }

    /** Between two characters: not inside a UTF-8 sequence (after 3 continuation bytes it is no UTF-8). */
    private boolean atCharacterBoundary(int c) {
        return (c & 0xc0) != 0x80 || continuations >= 3;
    }

    private void text(byte b, int c) {
        if (c == '<') {
            emit(b);
            state = State.MARKUP_START;
            inReference = false;
            return;
        }
        // CR LF must stay together: split apart, they would read as two line ends
        if (run >= pieceBytes && !inReference && previous != '\r' && atCharacterBoundary(c)) {
            emit(TEXT_SPLIT);
            run = 0;
        }
        trackReference(c);
        emit(b);
        run++;
    }

    private void trackReference(int c) {
        if (c == '&') {
            inReference = true;
            referenceBytes = 0;
        } else if (inReference && (c == ';' || ++referenceBytes > 64)) {
            inReference = false; // a longer one is malformed: the reader reports it
        }
    }

    private void bang(byte b, int c) {
        emit(b);
        bang[bangLength++] = b;
        String seen = new String(bang, 0, bangLength, StandardCharsets.US_ASCII);
        if (seen.equals("--")) {
            state = State.COMMENT;
            run = 0;
            dashes = 0;
        } else if (seen.equals("[CDATA[")) {
            state = State.CDATA;
            run = 0;
            dashes = 0;
        } else if (!"--".startsWith(seen) && !"[CDATA[".startsWith(seen)) {
            // <!DOCTYPE and the like: the reader refuses a DOCTYPE when it sees one
            state = State.DECLARATION;
            declarationDepth = c == '[' ? 1 : 0;
            declarationQuote = 0;
            if (c == '>') {
                toText();
            }
        }
    }

    private void comment(byte b, int c) {
        // a comment may not end in '-' nor hold "--": split only between two other characters
        if (run >= pieceBytes && previous != '-' && c != '-' && atCharacterBoundary(c)) {
            emit(COMMENT_SPLIT);
            run = 0;
        }
        emit(b);
        run++;
        if (c == '>' && dashes >= 2) {
            toText();
        } else {
            dashes = c == '-' ? dashes + 1 : 0;
        }
    }

    private void cdata(byte b, int c) {
        // after a ']' the inserted "]]>" could end the section one character early; CR LF stays together
        if (run >= pieceBytes && previous != ']' && previous != '\r' && atCharacterBoundary(c)) {
            emit(CDATA_SPLIT);
            run = 0;
            dashes = 0;
        }
        emit(b);
        run++;
        if (c == '>' && dashes >= 2) {
            toText();
        } else {
            dashes = c == ']' ? dashes + 1 : 0;
        }
    }

    private void declaration(byte b, int c) {
        emit(b);
        if (declarationQuote != 0) {
            if (b == declarationQuote) {
                declarationQuote = 0;
            }
        } else if (c == '"' || c == '\'') {
            declarationQuote = b;
        } else if (c == '[') {
            declarationDepth++;
        } else if (c == ']') {
            declarationDepth--;
        } else if (c == '>' && declarationDepth <= 0) {
            toText();
        }
    }

    private void toText() {
        state = State.TEXT;
        run = 0;
        inReference = false;
    }

    /** Counts a byte of a tag or processing instruction against {@link #MARKUP_BYTES}. */
    private void markup() {
        if (++run > MARKUP_BYTES) {
            String what = state == State.PI ? "a processing instruction" : "a tag (its name and attributes)";
            throw new TooLarge(new ReportProblem(file, ReportProblem.Kind.TOO_LARGE, what + " longer than "
                    + MARKUP_BYTES + " bytes; accepted: tags and processing instructions of up to " + MARKUP_BYTES
                    + " bytes (longer attribute values are cut to " + VALUE_BYTES + " bytes)"));
        }
    }

    private void startValue() {
        valueBytes = 0;
        cutting = false;
        valueTailStart = 0;
        valueTailLength = 0;
        droppedChars = 0;
        droppedInReference = false;
        inReference = false;
    }

    private void value(byte b, int c) {
        if (b == quote) {
            if (cutting) {
                endCut();
            }
            emit(b);
            markup();
            state = State.TAG;
            return;
        }
        valueBytes++;
        if (!cutting) {
            // finish a reference or a character before cutting: the kept head must stay well-formed
            if (valueBytes <= valueBytesKept || inReference || !atCharacterBoundary(c)) {
                trackReference(c);
                emit(b);
                markup();
                return;
            }
            cutting = true;
            if (valueTail == null) {
                valueTail = new byte[valueBytesKept];
            }
        }
        if (valueTailLength == valueTail.length) {
            drop(valueTail[valueTailStart] & 0xff);
            valueTail[valueTailStart] = b;
            valueTailStart = (valueTailStart + 1) % valueTail.length;
        } else {
            valueTail[(valueTailStart + valueTailLength++) % valueTail.length] = b;
        }
    }

    /** Counts a byte left out of a value, in characters as the reader would decode them. */
    private void drop(int c) {
        if (droppedInReference) {
            droppedInReference = c != ';';
        } else if (c == '&') {
            droppedChars++; // a reference is one character (supplementary ones two, rare enough)
            droppedInReference = true;
        } else if (c >= 0xf0) {
            droppedChars += 2; // a supplementary character is two UTF-16 chars
        } else if ((c & 0xc0) != 0x80) {
            droppedChars++;
        }
    }

    /** Emits the marker and the kept tail, which starts at a character and outside a reference. */
    private void endCut() {
        int skip = 0;
        while (skip < valueTailLength) {
            int c = valueTail[(valueTailStart + skip) % valueTail.length] & 0xff;
            if (droppedInReference || (c & 0xc0) == 0x80) {
                drop(c);
                skip++;
            } else {
                break;
            }
        }
        String marker = Truncation.marker(droppedChars).replace("\n", "&#10;");
        for (byte m : marker.getBytes(StandardCharsets.US_ASCII)) {
            emit(m);
            markup();
        }
        for (int i = skip; i < valueTailLength; i++) {
            emit(valueTail[(valueTailStart + i) % valueTail.length]);
            markup();
        }
    }

    private void emit(byte b) {
        if (outEnd == out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
        }
        out[outEnd++] = b;
    }

    private void emit(byte[] bytes) {
        for (byte b : bytes) {
            emit(b);
        }
    }

    /** Stops reading with a problem naming what was too large. */
    static final class TooLarge extends RuntimeException {
        private final transient ReportProblem problem;

        TooLarge(ReportProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        ReportProblem problem() {
            return problem;
        }
    }
}
