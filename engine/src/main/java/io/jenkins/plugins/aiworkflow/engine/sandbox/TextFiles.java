package io.jenkins.plugins.aiworkflow.engine.sandbox;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text detection and decoding for the agent's file tools: UTF-8 text only. */
final class TextFiles {
    /** How many leading bytes decide whether a file is text. */
    static final int SNIFF_BYTES = 8192;

    private TextFiles() {
    }

    /**
     * Whether {@code length} leading bytes look binary: a NUL byte, or bytes that are not UTF-8.
     *
     * @param complete true when these are all the file's bytes (an incomplete UTF-8 sequence at
     *                 the end then counts as invalid; otherwise the rest may follow)
     */
    static boolean looksBinary(byte[] bytes, int length, boolean complete) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        CharsetDecoder decoder = strictDecoder();
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), CharBuffer.allocate(length), complete);
        if (result.isError()) {
            return true;
        }
        return complete && decoder.flush(CharBuffer.allocate(16)).isError();
    }

    /** The bytes as UTF-8, or null when they are not UTF-8 text. */
    static String decodeOrNull(byte[] bytes) {
        if (looksBinary(bytes, bytes.length, true)) {
            return null;
        }
        try {
            return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The message for a file the text tools refuse. */
    static String notText(String path) {
        return "file '" + path + "' is not a UTF-8 text file (it is binary or in another encoding); accepted: "
                + "UTF-8 text files";
    }
}
