package dev.limbic.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text written with Jackson's streaming generator, for what is encoded on every decision or page (no JSON tree
 * is built and copied first). The text is what Vert.x's {@code JsonObject.encode()} gives for the same keys and values.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonText() {
    }

    /** The text {@code writer} writes. */
    public static String write(Writer writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
        return out.toString();
    }

    /** A flat JSON object of {@code fields}, in their map's order. */
    public static String object(Map<String, String> fields) {
        return write(json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
        });
    }
}
