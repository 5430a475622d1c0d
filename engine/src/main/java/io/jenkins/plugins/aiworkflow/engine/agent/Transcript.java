package io.jenkins.plugins.aiworkflow.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The audit trail of an agent run as JSON Lines: one event per line, written and flushed as
 * soon as it happens, so a run that is killed still leaves everything up to that point. Every
 * string is passed through a redactor first, so secrets never reach the file
 * (see docs/transcript.md for the events and their fields).
 */
public final class Transcript implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final UnaryOperator<String> redactor;
    private final Clock clock;
    private long sequence;

    private Transcript(OutputStream out, UnaryOperator<String> redactor, Clock clock) {
        this.out = out;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = clock;
    }

    /** A transcript appended to {@code file} (created with its parent directories). */
    public static Transcript toFile(Path file, UnaryOperator<String> redactor) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // A FileOutputStream, not an NIO channel: an aborted build interrupts this thread, and an
            // interruptible channel would close itself and lose the final stop event.
            return new Transcript(new FileOutputStream(file.toFile(), true), redactor, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open transcript file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A transcript written to a stream the caller owns (closing the transcript closes it). */
    public static Transcript to(OutputStream out, UnaryOperator<String> redactor) {
        return new Transcript(out, redactor, Clock.systemUTC());
    }

    /** A transcript that keeps nothing, when none was asked for. */
    public static Transcript none() {
        return new Transcript(OutputStream.nullOutputStream(), text -> text, Clock.systemUTC());
    }

    /** A new event object of the given type; fill it and hand it to {@link #write(ObjectNode)}. */
    public ObjectNode event(String type) {
        ObjectNode event = JSON.createObjectNode();
        event.put("seq", 0);
        event.put("time", clock.instant().toString());
        event.put("type", type);
        return event;
    }

    /** Redacts, numbers and writes one event, then flushes. */
    public synchronized void write(ObjectNode event) {
        event.put("seq", ++sequence);
        redact(event);
        try {
            out.write(JSON.writeValueAsBytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the transcript: " + e.getMessage(), e);
        }
    }

    private void redact(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                field.setValue(JSON.getNodeFactory().textNode(redactor.apply(value.asText())));
            } else if (value.isObject()) {
                redact((ObjectNode) value);
            } else if (value.isArray()) {
                redact((ArrayNode) value);
            }
        }
    }

    private void redact(ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (value.isTextual()) {
                array.set(i, JSON.getNodeFactory().textNode(redactor.apply(value.asText())));
            } else if (value.isObject()) {
                redact((ObjectNode) value);
            } else if (value.isArray()) {
                redact((ArrayNode) value);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the transcript: " + e.getMessage(), e);
        }
    }
}
