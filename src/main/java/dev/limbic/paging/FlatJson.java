package dev.limbic.paging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Map;

/**
 * A flat JSON object of strings and numbers written straight into one buffer, for the fields of the timeline lines
 * every decision and delivery writes (no JSON tree, no map copy). Keys are not checked for repeats.
 */
final class FlatJson {
    private final StringBuilder json = new StringBuilder(96).append('{');

    /** The object holding {@code fields}. */
    static String of(Map<String, String> fields) {
        FlatJson json = new FlatJson();
        fields.forEach(json::put);
        return json.encode();
    }

    /** Adds {@code key} with a string value ({@code null} is written as JSON null). */
    FlatJson put(String key, String value) {
        key(key);
        if (value == null) {
            json.append("null");
        } else {
            quoted(value);
        }
        return this;
    }

    /** Adds {@code key} with a number value. */
    FlatJson put(String key, long value) {
        key(key);
        json.append(value);
        return this;
    }

    /** The JSON text. */
    String encode() {
        return json.append('}').toString();
    }

    private void key(String key) {
        if (json.length() > 1) {
            json.append(',');
        }
        quoted(key);
        json.append(':');
    }

    private void quoted(String value) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }
}
