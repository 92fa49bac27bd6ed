package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads a PagerDuty Events API v2 alert event ({@code POST /v2/enqueue}): {@code routing_key},
 * {@code event_action} ({@code trigger}, {@code acknowledge}, {@code resolve}), {@code dedup_key}, and for a
 * trigger {@code payload.summary} (at most 1024 characters), {@code payload.source}, {@code payload.severity}
 * ({@code critical}, {@code error}, {@code warning}, {@code info}); optional {@code payload.timestamp},
 * {@code component}, {@code group}, {@code class} (which become labels), {@code custom_details}, and
 * {@code links}, {@code images}, {@code client}, {@code client_url} (kept in the details).
 * A trigger without {@code dedup_key} gets a generated one, as PagerDuty does.
 */
public final class PagerDutyEventParser {
    /** PagerDuty's limit on {@code payload.summary}. */
    public static final int MAX_SUMMARY_LENGTH = 1024;
    /** PagerDuty's limit on {@code dedup_key}. */
    public static final int MAX_DEDUP_KEY_LENGTH = 255;

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private final Supplier<String> dedupKeys;

    /** A parser that generates 32 hex digit dedup keys from random UUIDs. */
    public PagerDutyEventParser() {
        this(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** A parser that takes generated dedup keys from {@code dedupKeys} (for tests). */
    public PagerDutyEventParser(Supplier<String> dedupKeys) {
        this.dedupKeys = Objects.requireNonNull(dedupKeys, "dedupKeys");
    }

    /** The non-blank {@code routing_key} of a body, which names (and authenticates) the integration. */
    public static Optional<String> routingKey(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode key = body.get("routing_key");
        return key != null && key.isTextual() && !key.asText().isBlank() ? Optional.of(key.asText()) : Optional.empty();
    }

    /**
     * The event a body carries for {@code integration} (already found by its routing key).
     *
     * @throws InvalidPayloadException naming every field at fault
     */
    public AlertEvent parse(JsonNode body, Integration integration, Instant receivedAt)
            throws InvalidPayloadException {
        PayloadErrors errors = new PayloadErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        Optional<AlertAction> action = errors.requiredText(body, "event_action", "event_action")
                .flatMap(name -> action(errors, name));
        Optional<String> dedupKey = errors.text(body, "dedup_key", "dedup_key").filter(key -> !key.isBlank());
        dedupKey.filter(key -> key.length() > MAX_DEDUP_KEY_LENGTH).ifPresent(key ->
                errors.add("dedup_key", "must be at most " + MAX_DEDUP_KEY_LENGTH + " characters, not " + key.length()));
        if (dedupKey.isEmpty() && action.isPresent() && action.get() != AlertAction.TRIGGER) {
            errors.add("dedup_key", "is required for " + action.get().name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean trigger = action.orElse(null) == AlertAction.TRIGGER;

        JsonNode payload = body.get("payload");
        if (payload == null || payload.isNull()) {
            if (trigger) {
                errors.add("payload", "is missing");
            }
            payload = JsonNodeFactory.instance.objectNode();
        } else if (!payload.isObject()) {
            errors.add("payload", "must be an object");
            payload = JsonNodeFactory.instance.objectNode();
        }
        String summary = trigger ? errors.requiredText(payload, "summary", "payload.summary").orElse("")
                : errors.text(payload, "summary", "payload.summary").orElse("");
        if (summary.length() > MAX_SUMMARY_LENGTH) {
            errors.add("payload.summary", "must be at most " + MAX_SUMMARY_LENGTH + " characters, not "
                    + summary.length());
        }
        String source = trigger ? errors.requiredText(payload, "source", "payload.source").orElse("")
                : errors.text(payload, "source", "payload.source").orElse("");
        Optional<String> severityName = trigger ? errors.requiredText(payload, "severity", "payload.severity")
                : errors.text(payload, "severity", "payload.severity");
        Optional<Severity> severity = severityName.flatMap(name -> {
            Optional<Severity> parsed = Severity.parse(name);
            if (parsed.isEmpty()) {
                errors.add("payload.severity", "must be one of critical, error, warning, info, not \"" + name + "\"");
            }
            return parsed;
        });
        errors.text(payload, "timestamp", "payload.timestamp").ifPresent(timestamp -> {
            try {
                TIMESTAMP.parse(timestamp);
            } catch (DateTimeParseException e) {
                errors.add("payload.timestamp", "must be an ISO 8601 date-time, not \"" + timestamp + "\"");
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : new String[] {"component", "group", "class"}) {
            errors.text(payload, name, "payload." + name).filter(value -> !value.isBlank())
                    .ifPresent(value -> labels.put(name, value));
        }
        arrayOrAbsent(errors, body, "links");
        arrayOrAbsent(errors, body, "images");
        errors.throwIfAny();

        ObjectNode details = JsonNodeFactory.instance.objectNode();
        copy(payload, details, "custom_details", "timestamp");
        copy(body, details, "client", "client_url", "links", "images");
        return new AlertEvent(integration.name(), dedupKey.orElseGet(dedupKeys), action.orElseThrow(),
                severity.orElse(integration.defaultSeverity()), summary, source, labels, details.toString(),
                receivedAt);
    }

    private static Optional<AlertAction> action(PayloadErrors errors, String name) {
        switch (name) {
            case "trigger":
                return Optional.of(AlertAction.TRIGGER);
            case "acknowledge":
                return Optional.of(AlertAction.ACKNOWLEDGE);
            case "resolve":
                return Optional.of(AlertAction.RESOLVE);
            default:
                errors.add("event_action", "must be one of trigger, acknowledge, resolve, not \"" + name + "\"");
                return Optional.empty();
        }
    }

    private static void arrayOrAbsent(PayloadErrors errors, JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node != null && !node.isNull() && !node.isArray()) {
            errors.add(name, "must be an array");
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... names) {
        for (String name : names) {
            JsonNode value = from.get(name);
            if (value != null && !value.isNull()) {
                to.set(name, value);
            }
        }
    }
}
