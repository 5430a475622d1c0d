package io.jenkins.plugins.aiworkflow.engine.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function the model may call: a name, a description for the model, and the JSON Schema of
 * its arguments (an object schema, as text). Checked once when created.
 */
public record ToolSpec(String name, String description, String parametersJsonSchema) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' is not accepted; accepted: 1 to 64 letters, "
                    + "digits, '_' or '-'");
        }
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(parametersJsonSchema, "parametersJsonSchema");
        parametersNode(name, parametersJsonSchema);
    }

    /** The schema parsed; always a JSON object. */
    JsonNode parameters() {
        return parametersNode(name, parametersJsonSchema);
    }

    private static JsonNode parametersNode(String name, String schema) {
        try {
            JsonNode node = JSON.readTree(schema);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("parameters of tool '" + name + "' must be a JSON Schema object "
                        + "such as {\"type\":\"object\",\"properties\":{}}, was: " + schema);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters of tool '" + name + "' are not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
