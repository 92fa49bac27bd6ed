package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the problems of one payload while a parser reads it, each naming its JSON path. */
final class PayloadErrors {
    private final List<String> errors = new ArrayList<>();

    void add(String path, String problem) {
        errors.add(path + ": " + problem);
    }

    int size() {
        return errors.size();
    }

    void throwIfAny() throws InvalidPayloadException {
        if (!errors.isEmpty()) {
            throw new InvalidPayloadException(errors);
        }
    }

    /** {@code parent.name}, or {@code name} at the root. */
    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** A text field: absent or null gives empty; numbers and booleans are taken as text; others are errors. */
    Optional<String> text(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isValueNode()) {
            return Optional.of(node.asText());
        }
        add(path, "must be a string");
        return Optional.empty();
    }

    /** A required non-blank text field. */
    Optional<String> requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            add(path, "is missing or blank");
            return Optional.empty();
        }
        Optional<String> value = text(parent, name, path);
        if (value.isPresent() && value.get().isBlank()) {
            add(path, "is missing or blank");
            return Optional.empty();
        }
        return value;
    }

    /**
     * A map of strings such as labels or annotations: absent or null gives an empty map; scalar values are
     * taken as text; anything else is an error.
     */
    Map<String, String> stringMap(JsonNode parent, String name, String path, boolean required) {
        JsonNode node = parent.get(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            if (required) {
                add(path, "must be an object");
            }
            return map;
        }
        if (!node.isObject()) {
            add(path, "must be an object");
            return map;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isValueNode()) {
                map.put(entry.getKey(), value.asText());
            } else {
                add(path(path, entry.getKey()), "must be a string");
            }
        }
        return map;
    }
}
