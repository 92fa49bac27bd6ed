package dev.limbic.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/** Reads request bodies as JSON trees, with errors that say where the JSON went wrong. */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /**
     * The one JSON value of {@code body} (UTF-8).
     *
     * @throws InvalidPayloadException when the body is empty, is not JSON, or holds more than one value
     */
    static JsonNode read(byte[] body) throws InvalidPayloadException {
        if (body == null || body.length == 0) {
            throw new InvalidPayloadException(List.of("body: is empty"));
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidPayloadException(List.of("body: is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + ")"));
        } catch (IOException e) {
            throw new InvalidPayloadException(List.of("body: is not valid JSON (" + e.getMessage() + ")"));
        }
    }
}
