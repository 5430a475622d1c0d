package io.jenkins.plugins.aiworkflow.engine.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link WorkspaceState}: what a run writes down so that a later process can restore the
 * state after this one was killed (the refine loop's recovery). Plain data, no class names: reading it back
 * creates nothing but a state, which a restore checks again before it changes anything.
 */
final class StateJson {
    static final String FORMAT = "aiwf-workspace-state/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateJson() {
    }

    static String write(WorkspaceState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("store", state.store());
        strings(root.putArray("writable"), state.writable());
        strings(root.putArray("readOnly"), state.readOnly());
        strings(root.putArray("hidden"), state.hidden());
        root.put("recordedAt", state.recordedAt().toString());
        root.put("storeBytes", state.storeBytes());
        ArrayNode entries = root.putArray("entries");
        for (WorkspaceState.Entry entry : state.entries().values()) {
            ObjectNode node = entries.addObject();
            node.put("path", entry.path());
            node.put("kind", entry.kind().name());
            node.put("size", entry.size());
            node.put("lastModified", entry.lastModified().toString());
            if (entry.sha256() != null) {
                node.put("sha256", entry.sha256());
            }
            if (entry.linkTarget() != null) {
                node.put("linkTarget", entry.linkTarget());
            }
            if (entry.permissions() != null) {
                node.put("permissions", entry.permissions());
            }
            node.put("settled", entry.settled());
        }
        strings(root.putArray("directories"), state.directories());
        ObjectNode ignoreFiles = root.putObject("ignoreFiles");
        state.ignoreFiles().forEach(ignoreFiles::put);
        ObjectNode notRecorded = root.putObject("notRecorded");
        state.notRecorded().forEach(notRecorded::put);
        return root.toString();
    }

    static WorkspaceState read(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw invalid(source, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "is not a JSON object", null);
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw invalid(source, "has no 'format' \"" + FORMAT + "\"", null);
        }
        try {
            StateRequest request = StateRequest.builder().writable(strings(root, "writable"))
                    .readOnly(strings(root, "readOnly")).hidden(strings(root, "hidden")).build();
            Map<String, WorkspaceState.Entry> entries = new TreeMap<>();
            for (JsonNode node : array(root, "entries")) {
                WorkspaceState.Entry entry = new WorkspaceState.Entry(text(node, "path"),
                        WorkspaceState.Kind.valueOf(text(node, "kind")), number(node, "size"),
                        instant(node, "lastModified"), optionalText(node, "sha256"), optionalText(node, "linkTarget"),
                        optionalText(node, "permissions"), bool(node, "settled"));
                entries.put(entry.path(), entry);
            }
            return new WorkspaceState(text(root, "store"), request, instant(root, "recordedAt"), entries,
                    new LinkedHashSet<>(strings(root, "directories")), map(root, "ignoreFiles"),
                    map(root, "notRecorded"), number(root, "storeBytes"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // a field missing or of the wrong type, an unknown kind, an entry without its hash or link target, a glob
            throw invalid(source, "is not a state: " + e.getMessage(), e);
        }
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        values.forEach(array::add);
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(node, field)) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' holds a value that is not a string");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static Map<String, String> map(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an object");
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("'" + field + "' holds a value that is not a string");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? text(node, field) : null;
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a non-negative integer");
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not true or false");
        }
        return value.asBoolean();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }

    private static InvalidRequestException invalid(String source, String problem, Throwable cause) {
        return new InvalidRequestException("state", "state '" + source + "' " + problem + "; accepted: the JSON form "
                + "of a recorded workspace state (WorkspaceState.toJson)", cause);
    }
}
