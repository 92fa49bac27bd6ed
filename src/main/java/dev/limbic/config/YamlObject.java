package dev.limbic.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** A problem with the value at a full path, such as a list item ({@code routes[0].match[1]}). */
    void problemAt(String fullPath, String problem) {
        problems.at(fullPath, problem);
    }

    /** Whether the key holds a list with no items (as opposed to being absent or not a list). */
    boolean isEmptyList(String key) {
        JsonNode value = value(key);
        return value != null && value.isArray() && value.isEmpty();
    }

    /** Marks keys as known without reading them, when their value cannot be judged (a secret of an unknown type). */
    void skip(String... keys) {
        known.addAll(List.of(keys));
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

    /** A string if the key is present. */
    Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, null));
    }

    /** A duration ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 30d}) if the key is present and one. */
    Optional<Duration> optionalDuration(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problem(key, "must be " + Durations.FORMAT_HINT + " (with a unit)");
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(value.asText()));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return Optional.empty();
        }
    }

    /** A duration, or {@code fallback} when absent or unreadable. */
    Duration duration(String key, Duration fallback) {
        return optionalDuration(key).orElse(fallback);
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

    /** A list of strings (or numbers, read as text); empty when absent. Other items are reported and skipped. */
    List<Element> strings(String key) {
        List<Element> strings = new ArrayList<>();
        for (Element element : elements(key)) {
            if (element.text() == null) {
                problems.at(element.path(), "must be a string");
            } else {
                strings.add(element);
            }
        }
        return strings;
    }

    /** A list whose items may be strings or mappings (for example step targets); empty when absent. */
    List<Element> elements(String key) {
        JsonNode value = value(key);
        List<Element> elements = new ArrayList<>();
        if (value == null) {
            return elements;
        }
        if (!value.isArray()) {
            problem(key, "must be a list");
            return elements;
        }
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (item.isObject()) {
                elements.add(new Element(itemPath, null, new YamlObject(item, itemPath, problems)));
            } else if (item.isValueNode() && !item.isNull() && !item.isBinary()) {
                elements.add(new Element(itemPath, item.asText(), null));
            } else {
                problems.at(itemPath, "must be a string or a mapping");
            }
        }
        return elements;
    }

    /** A mapping of names to string values (for example HTTP headers); empty when absent. */
    Map<String, String> stringMap(String key) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = value(key);
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of names to values");
            return map;
        }
        value.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                map.put(field.getKey(), field.getValue().asText());
            } else {
                problems.at(pathOf(key) + "." + field.getKey(), "must be a string");
            }
        });
        return map;
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

    /** An item of a list at {@code path}: either a scalar's {@code text} or a mapping's {@code object}. */
    record Element(String path, String text, YamlObject object) {
    }

    /** A mapping inside a list, with its index. */
    record Item(int index, YamlObject object) {
    }
}
