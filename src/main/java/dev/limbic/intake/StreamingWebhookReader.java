package dev.limbic.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a regular Alertmanager or Grafana webhook body, one event per alert, in one streaming pass: each alert's
 * details JSON is written while it is read, instead of building the body's tree, copying each alert and writing the
 * copy out.
 *
 * <p>It gives exactly what {@link AlertmanagerWebhookParser#parse(JsonNode, Integration, Instant)} gives for the same
 * body (the same details JSON text, so the same idempotency keys), and declines (null) every body it would not read
 * the same way: anything the tree parser reports as a problem, a name given twice in one object (the tree keeps the
 * last value at the first place), trailing content, and values of a type Alertmanager does not send (a number as a
 * label, the version or the receiver). The caller then reads the body as a tree, which also names the problems.
 */
final class StreamingWebhookReader {
    /** The body's fields an alert's details get, in this order, unless the alert has a field of that name. */
    static final List<String> COPIED_FROM_BODY = List.of("receiver", "groupKey", "externalURL", "orgId");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();
    private static final Declined DECLINED = new Declined();

    private StreamingWebhookReader() {
    }

    /** The events of {@code body}, or null when the body is not regular (read it as a tree then). */
    static List<AlertEvent> read(byte[] body, String version, Integration integration, Instant receivedAt) {
        try (JsonParser parser = JSON.createParser(body)) {
            return read(parser, version, integration, receivedAt);
        } catch (Declined | IOException e) {
            return null;
        }
    }

    private static List<AlertEvent> read(JsonParser parser, String version, Integration integration, Instant receivedAt)
            throws IOException, Declined {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        String receiver = "";
        String[] copied = new String[COPIED_FROM_BODY.size()];
        List<AlertRead> alerts = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "version" -> expect(value == JsonToken.VALUE_NULL || text(parser, value).equals(version));
                case "status" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        action(parser, value);
                    }
                }
                case "receiver" -> {
                    receiver = value == JsonToken.VALUE_NULL ? "" : text(parser, value);
                    copied[0] = json(parser, value);
                }
                case "groupKey" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        text(parser, value);
                    }
                    copied[1] = json(parser, value);
                }
                case "externalURL" -> copied[2] = json(parser, value);
                case "orgId" -> copied[3] = json(parser, value);
                case "groupLabels", "commonLabels", "commonAnnotations" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        strings(parser, value, null);
                    }
                }
                case "alerts" -> {
                    expect(value == JsonToken.START_ARRAY);
                    alerts = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        alerts.add(alert(parser));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        expect(parser.nextToken() == null && alerts != null);
        if (alerts.isEmpty()) {
            return List.of();
        }
        List<AlertEvent> events = new ArrayList<>(alerts.size());
        for (AlertRead alert : alerts) {
            events.add(AlertmanagerWebhookParser.alertEvent(integration, receivedAt, alert.action, alert.labels,
                    alert.annotations, alert.fingerprint, receiver, alert.details(copied)));
        }
        return events;
    }

    /** One alert, its details written but for the body's fields. */
    private static AlertRead alert(JsonParser parser) throws IOException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        AlertRead alert = new AlertRead();
        StringWriter details = new StringWriter(512);
        try (JsonGenerator out = JSON.createGenerator(details)) {
            out.writeStartObject();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "status" -> alert.action = action(parser, value);
                    case "labels" -> alert.labels = strings(parser, value, null);
                    case "annotations" -> {
                        out.writeFieldName(name);
                        if (value == JsonToken.VALUE_NULL) {
                            out.writeNull();
                        } else {
                            alert.annotations = strings(parser, value, out);
                        }
                    }
                    case "fingerprint" -> {
                        out.writeFieldName(name);
                        if (value == JsonToken.VALUE_NULL) {
                            out.writeNull();
                        } else {
                            alert.fingerprint = text(parser, value);
                            out.writeString(alert.fingerprint);
                        }
                    }
                    default -> {
                        int copied = COPIED_FROM_BODY.indexOf(name);
                        if (copied >= 0) {
                            alert.ownFields |= 1 << copied;
                        }
                        out.writeFieldName(name);
                        out.copyCurrentStructure(parser);
                    }
                }
            }
            alert.hasFields = out.getOutputContext().getEntryCount() > 0;
        }
        expect(alert.action != null && alert.labels != null);
        alert.partialDetails = details.toString();
        return alert;
    }

    private static AlertAction action(JsonParser parser, JsonToken value) throws IOException, Declined {
        return switch (text(parser, value)) {
            case "firing" -> AlertAction.TRIGGER;
            case "resolved" -> AlertAction.RESOLVE;
            default -> throw DECLINED;
        };
    }

    /** A string value (other scalars are text too for the tree parser, but not written back the same way). */
    private static String text(JsonParser parser, JsonToken value) throws IOException, Declined {
        expect(value == JsonToken.VALUE_STRING);
        return parser.getText();
    }

    /** An object of strings (nulls left out), written to {@code out} as read when it is not null. */
    private static Map<String, String> strings(JsonParser parser, JsonToken value, JsonGenerator out)
            throws IOException, Declined {
        expect(value == JsonToken.START_OBJECT);
        if (out != null) {
            out.writeStartObject();
        }
        Map<String, String> strings = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken entry = parser.nextToken();
            if (out != null) {
                out.writeFieldName(name);
            }
            if (entry == JsonToken.VALUE_NULL) {
                if (out != null) {
                    out.writeNull();
                }
                continue;
            }
            String text = text(parser, entry);
            strings.put(name, text);
            if (out != null) {
                out.writeString(text);
            }
        }
        if (out != null) {
            out.writeEndObject();
        }
        return strings;
    }

    /** The current value as JSON text, or null for a JSON null. */
    private static String json(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.copyCurrentStructure(parser);
        }
        return text.toString();
    }

    private static void expect(boolean regular) throws Declined {
        if (!regular) {
            throw DECLINED;
        }
    }

    /** What the streaming pass read of one alert. */
    private static final class AlertRead {
        AlertAction action;
        Map<String, String> labels;
        Map<String, String> annotations = Map.of();
        String fingerprint = "";
        String partialDetails;
        boolean hasFields;
        int ownFields;

        /** The details: the alert's own fields, then the body's fields it lacks. */
        String details(String[] copied) {
            StringBuilder json = new StringBuilder(partialDetails.length() + 160).append(partialDetails);
            boolean first = !hasFields;
            for (int i = 0; i < copied.length; i++) {
                if (copied[i] != null && (ownFields & (1 << i)) == 0) {
                    json.append(first ? "\"" : ",\"").append(COPIED_FROM_BODY.get(i)).append("\":").append(copied[i]);
                    first = false;
                }
            }
            return json.append('}').toString();
        }
    }

    /** The body is not regular: read it as a tree. Thrown without a stack trace, as control flow. */
    private static final class Declined extends Exception {
        Declined() {
            super("not a regular webhook body", null, false, false);
        }
    }
}
