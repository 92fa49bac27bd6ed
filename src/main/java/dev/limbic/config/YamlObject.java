package dev.limbic.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One mapping of the YAML tree, read by a section reader. Every getter names a key it knows, records
 * type problems under the key's full path and returns a usable fallback, so reading goes on and every
 * problem is reported at once. {@link #rejectUnknownKeys()} then reports the keys nobody asked for.
 */
final class YamlObject {
    private final JsonNode node;
    private final String path;
    private final ConfigProblems problems;
    private final Set<String> known = new LinkedHashSet<>();

    YamlObject(JsonNode node, String path, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The path of {@code key} inside this mapping. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String problem) {
        problems.at(pathOf(key), problem);
    }

    boolean has(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** A string value, or {@code fallback} when the key is absent. */
    String string(String key, String fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode() || value.isBinary()) {
            problem(key, "must be a string");
            return fallback;
        }
        return value.asText();
    }

    /** A string that must be present; reports it missing and returns {@code null} otherwise. */
    String requiredString(String key) {
        if (!has(key)) {
            problem(key, "missing");
            return null;
        }
        return string(key, null);
    }

    /** An integer within {@code [min, max]}, or {@code fallback}. */
    int integer(String key, int fallback, int min, int max) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            problem(key, "must be an integer between " + min + " and " + max);
            return fallback;
        }
        return value.asInt();
    }

    /** A number, or {@code fallback}. */
    double number(String key, double fallback) {
        OptionalDouble value = optionalNumber(key);
        return value.isPresent() ? value.getAsDouble() : fallback;
    }

    /** A number if the key is present and numeric. */
    OptionalDouble optionalNumber(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            problem(key, "must be a number");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value.asDouble());
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = value(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /** A nested mapping, if present. */
    Optional<YamlObject> object(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of keys to values");
            return Optional.empty();
        }
        return Optional.of(new YamlObject(value, pathOf(key), problems));
    }

    /** A list of mappings; empty when absent. Items that are not mappings are reported and skipped. */
    List<Item> objects(String key) {
        JsonNode value = value(key);
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!value.isArray()) {
            problem(key, "must be a list");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.at(itemPath, "must be a mapping of keys to values");
                continue;
            }
            items.add(new Item(i, new YamlObject(item, itemPath, problems)));
        }
        return items;
    }

    /** Reports each key of this mapping that no reader asked for, suggesting the nearest known key. */
    void rejectUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "unknown key" + KeySuggestion.hint(name, known));
            }
        }
    }

    String path() {
        return path;
    }

    private JsonNode value(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** A mapping inside a list, with its index. */
    record Item(int index, YamlObject object) {
    }
}
