package dev.limbic.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a regular Alertmanager or Grafana webhook body, one event per alert, in one streaming pass: each alert's
 * details JSON is written while it is read, instead of building the body's tree, copying each alert and writing the
 * copy out.
 *
 * <p>It gives exactly what {@link AlertmanagerWebhookParser#parse(JsonNode, Integration, Instant)} gives for the same
 * body (the same details JSON text, so the same idempotency keys), and declines (null) every body it would not read
 * the same way: anything the tree parser reports as a problem, trailing content, a name given twice in an alert or
 * its annotations (the tree keeps the last value at the first place), and values of a type Alertmanager does not
 * send (a number as a label, the version or the receiver). The caller then reads the body as a tree, which also
 * names the problems. Nested values (Grafana's {@code values}) are read as trees, so they come out the same.
 */
final class StreamingWebhookReader {
    /** The body's fields an alert's details get, in this order, unless the alert has a field of that name. */
    static final List<String> COPIED_FROM_BODY = List.of("receiver", "groupKey", "externalURL", "orgId");

    private static final ObjectMapper TREES = new ObjectMapper();
    private static final JsonFactory JSON = TREES.getFactory();
    private static final Declined DECLINED = new Declined();

    private final JsonParser parser;
    /** Writes each alert's details, and each copied body field, as one root value after the other into text. */
    private final JsonGenerator out;
    private final StringWriter text = new StringWriter(512);

    private StreamingWebhookReader(JsonParser parser) throws IOException {
        this.parser = parser;
        this.out = JSON.createGenerator(text);
        out.setRootValueSeparator(null);
    }

    /** The events of {@code body}, or null when the body is not regular (read it as a tree then). */
    static List<AlertEvent> read(byte[] body, String version, Integration integration, Instant receivedAt) {
        try (JsonParser parser = JSON.createParser(body)) {
            StreamingWebhookReader reader = new StreamingWebhookReader(parser);
            try (reader.out) {
                return reader.read(version, integration, receivedAt);
            }
        } catch (Declined | IOException e) {
            return null;
        }
    }

    private List<AlertEvent> read(String version, Integration integration, Instant receivedAt)
            throws IOException, Declined {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        String receiver = "";
        String[] copied = new String[COPIED_FROM_BODY.size()];
        List<AlertRead> alerts = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "version" -> expect(value == JsonToken.VALUE_NULL || text(value).equals(version));
                case "status" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        action(value);
                    }
                }
                case "receiver" -> {
                    receiver = value == JsonToken.VALUE_NULL ? "" : text(value);
                    copied[0] = json(value);
                }
                case "groupKey" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        text(value);
                    }
                    copied[1] = json(value);
                }
                case "externalURL" -> copied[2] = json(value);
                case "orgId" -> copied[3] = json(value);
                case "groupLabels", "commonLabels", "commonAnnotations" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        strings(value, false);
                    }
                }
                case "alerts" -> {
                    expect(value == JsonToken.START_ARRAY && alerts == null);
                    alerts = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        alerts.add(alert());
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
    private AlertRead alert() throws IOException, Declined {
        expect(parser.currentToken() == JsonToken.START_OBJECT);
        AlertRead alert = new AlertRead();
        Names written = new Names();
        out.writeStartObject();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            if (name.equals("status")) {
                alert.action = action(value);
                continue;
            }
            if (name.equals("labels")) {
                alert.labels = strings(value, false);
                continue;
            }
            expect(written.add(name));
            out.writeFieldName(name);
            if (name.equals("annotations") && value != JsonToken.VALUE_NULL) {
                alert.annotations = strings(value, true);
            } else if (name.equals("fingerprint") && value != JsonToken.VALUE_NULL) {
                alert.fingerprint = text(value);
                out.writeString(alert.fingerprint);
            } else {
                int copied = COPIED_FROM_BODY.indexOf(name);
                if (copied >= 0) {
                    alert.ownFields |= 1 << copied;
                }
                copyValue();
            }
        }
        out.writeEndObject();
        expect(alert.action != null && alert.labels != null);
        alert.written = taken();
        return alert;
    }

    private AlertAction action(JsonToken value) throws IOException, Declined {
        return switch (text(value)) {
            case "firing" -> AlertAction.TRIGGER;
            case "resolved" -> AlertAction.RESOLVE;
            default -> throw DECLINED;
        };
    }

    /** A string value (other scalars are text too for the tree parser, but not written back the same way). */
    private String text(JsonToken value) throws IOException, Declined {
        expect(value == JsonToken.VALUE_STRING);
        return parser.getText();
    }

    /**
     * An object of strings, nulls left out, the last value of a name kept (as the tree does); with {@code write}, also
     * written to the details as read, and then a name given twice is declined.
     */
    private Map<String, String> strings(JsonToken value, boolean write) throws IOException, Declined {
        expect(value == JsonToken.START_OBJECT);
        if (write) {
            out.writeStartObject();
        }
        Map<String, String> strings = new LinkedHashMap<>();
        Names names = write ? new Names() : null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken entry = parser.nextToken();
            if (write) {
                expect(names.add(name));
                out.writeFieldName(name);
            }
            if (entry == JsonToken.VALUE_NULL) {
                strings.remove(name);
                if (write) {
                    out.writeNull();
                }
                continue;
            }
            String text = text(entry);
            strings.put(name, text);
            if (write) {
                out.writeString(text);
            }
        }
        if (write) {
            out.writeEndObject();
        }
        return strings;
    }

    /** Writes the current value as the tree parser would write it back: objects and arrays via a tree. */
    private void copyValue() throws IOException {
        if (parser.currentToken().isStructStart()) {
            TREES.writeTree(out, TREES.readTree(parser));
        } else {
            out.copyCurrentEvent(parser);
        }
    }

    /** The current value as JSON text, or null for a JSON null. */
    private String json(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        copyValue();
        return taken();
    }

    /** The text written since the last call. */
    private String taken() throws IOException {
        out.flush();
        StringBuffer buffer = text.getBuffer();
        String json = buffer.toString();
        buffer.setLength(0);
        return json;
    }

    private static void expect(boolean regular) throws Declined {
        if (!regular) {
            throw DECLINED;
        }
    }

    /** The names of one object seen so far: a list while there are few (an alert has about ten), then a set. */
    private static final class Names {
        private static final int LIST_SIZE = 16;
        private final List<String> list = new ArrayList<>(LIST_SIZE);
        private Set<String> set;

        /** Whether {@code name} is new (it is seen from now on). */
        boolean add(String name) {
            if (set != null) {
                return set.add(name);
            }
            if (list.contains(name)) {
                return false;
            }
            list.add(name);
            if (list.size() == LIST_SIZE) {
                set = new HashSet<>(list);
            }
            return true;
        }
    }

    /** What the streaming pass read of one alert. */
    private static final class AlertRead {
        AlertAction action;
        Map<String, String> labels;
        Map<String, String> annotations = Map.of();
        String fingerprint = "";
        /** The alert's details as written: its own fields. */
        String written;
        /** Which of {@link #COPIED_FROM_BODY} the alert has itself (bit i for name i). */
        int ownFields;

        /** The details: the alert's own fields, then the body's fields it lacks. */
        String details(String[] copied) {
            StringBuilder json = null;
            for (int i = 0; i < copied.length; i++) {
                if (copied[i] == null || (ownFields & (1 << i)) != 0) {
                    continue;
                }
                if (json == null) {
                    json = new StringBuilder(written.length() + 160).append(written, 0, written.length() - 1);
                }
                json.append(json.length() > 1 ? ",\"" : "\"").append(COPIED_FROM_BODY.get(i)).append("\":")
                        .append(copied[i]);
            }
            return json == null ? written : json.append('}').toString();
        }
    }

    /** The body is not regular: read it as a tree. Thrown without a stack trace, as control flow. */
    private static final class Declined extends Exception {
        Declined() {
            super("not a regular webhook body", null, false, false);
        }
    }
}
