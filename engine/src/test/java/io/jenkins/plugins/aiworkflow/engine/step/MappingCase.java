package io.jenkins.plugins.aiworkflow.engine.step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One parameter of a step's mapping test: a value other than the default, what the request then holds where it
 * reads the parameter, and other parameters the value needs (a gate that allows fewer tests needs the tamper
 * guard off).
 */
record MappingCase<R>(String name, Object value, Function<R, Object> read, Object expected,
                      Map<String, Object> alongside) {
    static <R> MappingCase<R> of(String name, Object value, Function<R, Object> read, Object expected) {
        return new MappingCase<>(name, value, read, expected, Map.of());
    }

    MappingCase<R> with(String otherName, Object otherValue) {
        Map<String, Object> more = new LinkedHashMap<>(alongside);
        more.put(otherName, otherValue);
        return new MappingCase<>(name, value, read, expected, more);
    }

    /** {@code base} with this case's value and what it needs. */
    Map<String, Object> values(Map<String, Object> base) {
        Map<String, Object> values = new LinkedHashMap<>(base);
        values.putAll(alongside);
        values.put(name, value);
        return values;
    }
}
