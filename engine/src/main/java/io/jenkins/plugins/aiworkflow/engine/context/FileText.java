package io.jenkins.plugins.aiworkflow.engine.context;

import io.jenkins.plugins.aiworkflow.engine.workspace.Workspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a workspace file as UTF-8 text, or says why it is not text that belongs in a prompt. */
final class FileText {
    private FileText() {
    }

    /** Either {@code text} (problem null) or a problem with a message for the note. */
    record Result(String text, ContextNote.Kind problem, String detail) {
        static Result text(String text) {
            return new Result(text, null, null);
        }

        static Result problem(ContextNote.Kind problem, String detail) {
            return new Result(null, problem, detail);
        }

        boolean isText() {
            return problem == null;
        }
    }

    static Result read(Workspace workspace, WorkspaceFile file, long maxBytes) {
        if (file.size() > maxBytes) {
            return Result.problem(ContextNote.Kind.TOO_LARGE, file.size() + " bytes > maxFileBytes " + maxBytes);
        }
        byte[] bytes;
        try (InputStream in = workspace.openRead(file.path())) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException | RuntimeException e) {
            return Result.problem(ContextNote.Kind.UNREADABLE, String.valueOf(e.getMessage()));
        }
        if (bytes.length > maxBytes) {
            return Result.problem(ContextNote.Kind.TOO_LARGE, "more than maxFileBytes " + maxBytes + " bytes");
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Result.problem(ContextNote.Kind.BINARY, "contains NUL bytes");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Result.problem(ContextNote.Kind.BINARY, "not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Result.text(text);
    }
}
