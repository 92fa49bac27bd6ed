package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads Limbic's generic alert JSON, for senders that speak neither Alertmanager nor PagerDuty. The body is
 * one alert object or an array of them:
 *
 * <pre>{@code
 * {"summary": "Disk 95% full on db-1", "severity": "critical", "dedup_key": "db-1/disk",
 *  "source": "db-1", "labels": {"team": "storage"}, "details": {"free_gb": 3},
 *  "action": "trigger"}
 * }</pre>
 *
 * {@code action} is {@code trigger} (the default), {@code acknowledge} or {@code resolve};
 * {@code "resolve": true} is short for {@code "action": "resolve"}. {@code summary} is required for a trigger
 * (at most 1024 characters), {@code dedup_key} for acknowledge and resolve (a trigger without one gets a
 * generated key, answered to the sender). {@code severity} takes the same words as an Alertmanager
 * {@code severity} label and defaults to the integration's. Unknown fields are ignored.
 */
public final class GenericAlertParser {
    private final Supplier<String> dedupKeys;

    /** A parser that generates 32 hex digit dedup keys from random UUIDs. */
    public GenericAlertParser() {
        this(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** A parser that takes generated dedup keys from {@code dedupKeys} (for tests). */
    public GenericAlertParser(Supplier<String> dedupKeys) {
        this.dedupKeys = Objects.requireNonNull(dedupKeys, "dedupKeys");
    }

    /**
     * The events a body carries for {@code integration}, in order.
     *
     * @throws InvalidPayloadException naming every field at fault
     */
    public List<AlertEvent> parse(JsonNode body, Integration integration, Instant receivedAt)
            throws InvalidPayloadException {
        PayloadErrors errors = new PayloadErrors();
        List<AlertEvent> events = new ArrayList<>();
        if (body != null && body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                alert(errors, body.get(i), "[" + i + "]", integration, receivedAt).ifPresent(events::add);
            }
        } else if (body != null && body.isObject()) {
            alert(errors, body, "", integration, receivedAt).ifPresent(events::add);
        } else {
            errors.add("body", "must be a JSON object or an array of objects");
        }
        errors.throwIfAny();
        return events;
    }

    private Optional<AlertEvent> alert(PayloadErrors errors, JsonNode node, String path, Integration integration,
                                       Instant receivedAt) {
        if (!node.isObject()) {
            errors.add(path, "must be an object");
            return Optional.empty();
        }
        int errorsBefore = errors.size();
        Optional<AlertAction> action = action(errors, node, path);
        boolean trigger = action.orElse(null) == AlertAction.TRIGGER;
        String summaryPath = PayloadErrors.path(path, "summary");
        String summary = trigger ? errors.requiredText(node, "summary", summaryPath).orElse("")
                : errors.text(node, "summary", summaryPath).orElse("");
        if (summary.length() > PagerDutyEventParser.MAX_SUMMARY_LENGTH) {
            errors.add(summaryPath, "must be at most " + PagerDutyEventParser.MAX_SUMMARY_LENGTH + " characters, not "
                    + summary.length());
        }
        String keyPath = PayloadErrors.path(path, "dedup_key");
        Optional<String> dedupKey = errors.text(node, "dedup_key", keyPath).filter(key -> !key.isBlank());
        dedupKey.filter(key -> key.length() > PagerDutyEventParser.MAX_DEDUP_KEY_LENGTH).ifPresent(key ->
                errors.add(keyPath, "must be at most " + PagerDutyEventParser.MAX_DEDUP_KEY_LENGTH
                        + " characters, not " + key.length()));
        if (dedupKey.isEmpty() && action.isPresent() && !trigger) {
            errors.add(keyPath, "is required to " + action.get().name().toLowerCase(Locale.ROOT));
        }
        String severityPath = PayloadErrors.path(path, "severity");
        Optional<Severity> severity = errors.text(node, "severity", severityPath).flatMap(word -> {
            Optional<Severity> found = SeverityVocabulary.lookup(word);
            if (found.isEmpty()) {
                errors.add(severityPath, "must be one of critical, error, warning, info, not \"" + word + "\"");
            }
            return found;
        });
        String source = errors.text(node, "source", PayloadErrors.path(path, "source")).orElse("");
        Map<String, String> labels = errors.stringMap(node, "labels", PayloadErrors.path(path, "labels"), false);
        JsonNode details = node.get("details");
        if (details != null && !details.isNull() && !details.isObject()) {
            errors.add(PayloadErrors.path(path, "details"), "must be an object");
        }
        if (errors.size() > errorsBefore || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlertEvent(integration.name(), dedupKey.orElseGet(dedupKeys), action.get(),
                severity.orElse(integration.defaultSeverity()), summary, source, labels,
                details == null || details.isNull() ? "{}" : details.toString(), receivedAt));
    }

    private static Optional<AlertAction> action(PayloadErrors errors, JsonNode node, String path) {
        String actionPath = PayloadErrors.path(path, "action");
        Optional<AlertAction> named = errors.text(node, "action", actionPath).flatMap(name -> {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "trigger":
                    return Optional.of(AlertAction.TRIGGER);
                case "acknowledge":
                    return Optional.of(AlertAction.ACKNOWLEDGE);
                case "resolve":
                    return Optional.of(AlertAction.RESOLVE);
                default:
                    errors.add(actionPath, "must be one of trigger, acknowledge, resolve, not \"" + name + "\"");
                    return Optional.empty();
            }
        });
        JsonNode resolve = node.get("resolve");
        String resolvePath = PayloadErrors.path(path, "resolve");
        if (resolve == null || resolve.isNull()) {
            return named.isPresent() || node.hasNonNull("action") ? named : Optional.of(AlertAction.TRIGGER);
        }
        if (!resolve.isBoolean()) {
            errors.add(resolvePath, "must be true or false");
            return Optional.empty();
        }
        if (resolve.booleanValue()) {
            if (named.isPresent() && named.get() != AlertAction.RESOLVE) {
                errors.add(resolvePath, "contradicts action \"" + named.get().name().toLowerCase(Locale.ROOT) + "\"");
                return Optional.empty();
            }
            return Optional.of(AlertAction.RESOLVE);
        }
        return named.isPresent() || node.hasNonNull("action") ? named : Optional.of(AlertAction.TRIGGER);
    }
}
