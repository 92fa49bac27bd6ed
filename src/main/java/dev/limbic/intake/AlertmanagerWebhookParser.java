package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the webhook payload of Prometheus Alertmanager ({@code "version": "4"}) or of Grafana alerting
 * (the same shape, {@code "version": "1"}, plus {@code orgId}, {@code title}, {@code state}, {@code message}).
 *
 * <p>With {@link DedupMode#ALERT} every alert becomes one event keyed by its {@code fingerprint} (or, when it
 * has none, a hash of its sorted labels); a {@code resolved} alert resolves. With {@link DedupMode#GROUP} the
 * whole notification becomes one event keyed by {@code groupKey}, resolved when the group is. Severity comes
 * from the {@code severity} label (common words mapped, see {@link SeverityVocabulary}), else the
 * integration's default; the summary from the {@code summary} or {@code description} annotation, else the
 * {@code alertname} label. Unknown fields are ignored; the version, when present, must match.
 */
public final class AlertmanagerWebhookParser {
    private static final HexFormat HEX = HexFormat.of();

    private final IntakeFormat format;
    private final String version;

    private AlertmanagerWebhookParser(IntakeFormat format, String version) {
        this.format = format;
        this.version = version;
    }

    /** The parser for Prometheus Alertmanager webhooks. */
    public static AlertmanagerWebhookParser alertmanager() {
        return new AlertmanagerWebhookParser(IntakeFormat.ALERTMANAGER, "4");
    }

    /** The parser for Grafana alerting webhook contact points. */
    public static AlertmanagerWebhookParser grafana() {
        return new AlertmanagerWebhookParser(IntakeFormat.GRAFANA, "1");
    }

    /** The format this parser reads. */
    public IntakeFormat format() {
        return format;
    }

    /**
     * The events a webhook body (UTF-8 JSON, as received) carries for {@code integration}: one per alert, or one for
     * the group. The same as {@link #parse(JsonNode, Integration, Instant)} of the body's tree; a regular body with
     * one event per alert is read in one streaming pass instead (see {@link StreamingWebhookReader}).
     *
     * @throws InvalidPayloadException naming every field at fault, or saying where the body is not JSON
     */
    public List<AlertEvent> parse(byte[] body, Integration integration, Instant receivedAt)
            throws InvalidPayloadException {
        if (integration.dedup() == DedupMode.ALERT && body != null) {
            List<AlertEvent> events = StreamingWebhookReader.read(body, version, integration, receivedAt);
            if (events != null) {
                return events;
            }
        }
        return parse(JsonBodies.read(body), integration, receivedAt);
    }

    /**
     * The events a webhook body carries for {@code integration}: one per alert, or one for the group.
     *
     * @throws InvalidPayloadException naming every field at fault
     */
    public List<AlertEvent> parse(JsonNode body, Integration integration, Instant receivedAt)
            throws InvalidPayloadException {
        PayloadErrors errors = new PayloadErrors();
        if (body == null || !body.isObject()) {
            errors.add("body", "must be a JSON object");
            errors.throwIfAny();
        }
        errors.text(body, "version", "version").ifPresent(found -> {
            if (!found.equals(version)) {
                errors.add("version", "must be \"" + version + "\" for the " + format.wireName() + " format, not \""
                        + found + "\"");
            }
        });
        Optional<AlertAction> groupAction = status(errors, body, "status", false);
        String receiver = errors.text(body, "receiver", "receiver").orElse("");
        errors.stringMap(body, "groupLabels", "groupLabels", false);
        Map<String, String> commonLabels = errors.stringMap(body, "commonLabels", "commonLabels", false);
        Map<String, String> commonAnnotations = errors.stringMap(body, "commonAnnotations", "commonAnnotations", false);
        Optional<String> groupKey = errors.text(body, "groupKey", "groupKey").filter(key -> !key.isBlank());
        if (integration.dedup() == DedupMode.GROUP && groupKey.isEmpty()) {
            errors.add("groupKey", "is missing or blank (integration " + integration.name()
                    + " deduplicates by group)");
        }
        List<Alert> alerts = alerts(errors, body);
        errors.throwIfAny();

        if (alerts.isEmpty()) {
            return List.of();
        }
        if (integration.dedup() == DedupMode.GROUP) {
            return List.of(groupEvent(body, integration, receivedAt, alerts, groupAction, receiver, commonLabels,
                    commonAnnotations, groupKey.orElseThrow()));
        }
        List<AlertEvent> events = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            events.add(alertEvent(body, integration, receivedAt, alert, receiver));
        }
        return events;
    }

    private List<Alert> alerts(PayloadErrors errors, JsonNode body) {
        JsonNode alerts = body.get("alerts");
        List<Alert> parsed = new ArrayList<>();
        if (alerts == null || alerts.isNull()) {
            errors.add("alerts", "is missing");
            return parsed;
        }
        if (!alerts.isArray()) {
            errors.add("alerts", "must be an array");
            return parsed;
        }
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "]";
            JsonNode node = alerts.get(i);
            if (!node.isObject()) {
                errors.add(path, "must be an object");
                continue;
            }
            Optional<AlertAction> action = status(errors, node, path + ".status", true);
            Map<String, String> labels = errors.stringMap(node, "labels", path + ".labels", true);
            Map<String, String> annotations = errors.stringMap(node, "annotations", path + ".annotations", false);
            String fingerprint = errors.text(node, "fingerprint", path + ".fingerprint").orElse("");
            action.ifPresent(a -> parsed.add(new Alert((ObjectNode) node, a, labels, annotations, fingerprint)));
        }
        return parsed;
    }

    private static Optional<AlertAction> status(PayloadErrors errors, JsonNode node, String path, boolean required) {
        Optional<String> status = errors.text(node, "status", path);
        if (status.isEmpty()) {
            if (required && (node.get("status") == null || node.get("status").isNull())) {
                errors.add(path, "is missing (must be \"firing\" or \"resolved\")");
            }
            return Optional.empty();
        }
        switch (status.get()) {
            case "firing":
                return Optional.of(AlertAction.TRIGGER);
            case "resolved":
                return Optional.of(AlertAction.RESOLVE);
            default:
                errors.add(path, "must be \"firing\" or \"resolved\", not \"" + status.get() + "\"");
                return Optional.empty();
        }
    }

    private AlertEvent alertEvent(JsonNode body, Integration integration, Instant receivedAt, Alert alert,
                                  String receiver) {
        ObjectNode details = JsonNodeFactory.instance.objectNode(); // shares the alert's values, changes none
        alert.node().properties().forEach(field -> {
            if (!field.getKey().equals("labels") && !field.getKey().equals("status")) {
                details.set(field.getKey(), field.getValue());
            }
        });
        for (String name : StreamingWebhookReader.COPIED_FROM_BODY) {
            JsonNode value = body.get(name);
            if (value != null && !value.isNull() && !details.has(name)) {
                details.set(name, value);
            }
        }
        return alertEvent(integration, receivedAt, alert.action(), alert.labels(), alert.annotations(),
                alert.fingerprint(), receiver, details.toString());
    }

    /**
     * The event of one alert: keyed by its fingerprint (or its labels), summarised by its annotations, from its
     * instance or job (or the receiver), with {@code detailsJson}: the alert without labels and status, plus the
     * body's {@link StreamingWebhookReader#COPIED_FROM_BODY} fields it lacks.
     */
    static AlertEvent alertEvent(Integration integration, Instant receivedAt, AlertAction action,
                                 Map<String, String> labels, Map<String, String> annotations, String fingerprint,
                                 String receiver, String detailsJson) {
        String dedupKey = fingerprint.isBlank() ? labelsKey(labels) : fingerprint;
        String summary = firstNonBlank(annotations.get("summary"), annotations.get("description"),
                annotations.get("message"), labels.get("alertname"), dedupKey);
        String source = firstNonBlank(labels.get("instance"), labels.get("job"), receiver);
        return new AlertEvent(integration.name(), dedupKey, action, severity(labels, integration), summary, source,
                labels, detailsJson, receivedAt);
    }

    private AlertEvent groupEvent(JsonNode body, Integration integration, Instant receivedAt, List<Alert> alerts,
                                  Optional<AlertAction> groupAction, String receiver, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, String groupKey) {
        List<Alert> firing = alerts.stream().filter(alert -> alert.action() == AlertAction.TRIGGER).toList();
        AlertAction action = groupAction.orElse(firing.isEmpty() ? AlertAction.RESOLVE : AlertAction.TRIGGER);
        Severity severity = null;
        for (Alert alert : firing.isEmpty() ? alerts : firing) {
            Severity alertSeverity = severity(alert.labels(), integration);
            if (severity == null || alertSeverity.compareTo(severity) < 0) {
                severity = alertSeverity;
            }
        }
        String summary = firstNonBlank(commonAnnotations.get("summary"), commonAnnotations.get("description"),
                text(body, "title"), commonLabels.get("alertname"), groupKey);
        if (firing.size() > 1) {
            summary = summary + " (" + firing.size() + " firing)";
        }
        return new AlertEvent(integration.name(), groupKey, action, severity, summary, receiver, commonLabels,
                body.toString(), receivedAt);
    }

    private static Severity severity(Map<String, String> labels, Integration integration) {
        return SeverityVocabulary.lookup(labels.get("severity")).orElse(integration.defaultSeverity());
    }

    /** A stable key for an alert without a fingerprint: a hash of its labels, sorted by name. */
    static String labelsKey(Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> canonical.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "labels:" + HEX.formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isValueNode() ? value.asText() : null;
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }

    private record Alert(ObjectNode node, AlertAction action, Map<String, String> labels,
                         Map<String, String> annotations, String fingerprint) {
    }
}
