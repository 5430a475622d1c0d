package io.jenkins.plugins.aiworkflow.engine.report;

import org.codehaus.stax2.typed.TypedValueDecoder;

/**
 * An attribute value as the reader holds it: a range of the reader's own buffer, valid until
 * the reader moves on. Read through {@code XMLStreamReader2.getAttributeAs(index, this)}, which
 * hands it over without building a String (Aalto otherwise builds one String of all the
 * element's values and one more per value asked for): {@code <testcase>} has its name, class and
 * time read hundreds of thousands of times per run, and what is allocated decides how far the
 * JVM's heap grows. The reader strips leading and trailing whitespace, as for any typed value.
 * Not thread-safe.
 */
final class AttributeChars extends TypedValueDecoder {
    private char[] buffer = new char[0];
    private int start;
    private int end;

    @Override
    public void decode(String value) {
        buffer = value.toCharArray();
        start = 0;
        end = buffer.length;
    }

    @Override
    public void decode(char[] chars, int from, int to) {
        buffer = chars;
        start = from;
        end = to;
    }

    @Override
    public void handleEmptyValue() {
        start = 0;
        end = 0;
    }

    int length() {
        return end - start;
    }

    /**
     * A plain loop, not {@code Arrays.equals}: that one's vectorised comparison is fast only once C2 compiled
     * it, while a whole {@code aiwf validate} process runs most of its cases in code C1 compiled, where this
     * loop is several times faster for names of a few dozen characters.
     */
    boolean contentEquals(char[] chars) {
        if (chars.length != end - start) {
            return false;
        }
        for (int i = 0; i < chars.length; i++) {
            if (buffer[start + i] != chars[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(buffer, start, end - start);
    }

    /**
     * The value as a number of seconds, the common {@code 0.012} form without a String; anything
     * else through {@link JUnitXmlParser#parseSeconds(String)}.
     */
    double seconds() {
        double plain = JUnitXmlParser.parsePlainDecimal(buffer, start, end);
        return plain >= 0 ? plain : JUnitXmlParser.parseSeconds(toString());
    }
}
