package dev.limbic.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as received from an integration, normalised from whatever format carried it.
 *
 * @param integration the configured integration that received it (its secret matched)
 * @param dedupKey    the key that deduplicates events into one incident (Alertmanager fingerprint or group
 *                    key, PagerDuty {@code dedup_key}, generic {@code dedup_key})
 * @param action      what the event asks of that incident
 * @param severity    how bad it is
 * @param summary     one line for people
 * @param source      where it comes from (host, service, Alertmanager receiver), may be empty
 * @param labels      labels for routing (Alertmanager labels, PagerDuty component/group/class), never null
 * @param detailsJson the sender's extra details as a JSON text, kept verbatim for people; may be "{}"
 * @param receivedAt  when Limbic received it
 */
public record AlertEvent(String integration, String dedupKey, AlertAction action, Severity severity,
                         String summary, String source, Map<String, String> labels, String detailsJson,
                         Instant receivedAt) {
    public AlertEvent {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(receivedAt, "receivedAt");
        summary = summary == null ? "" : summary;
        source = source == null ? "" : source;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        detailsJson = detailsJson == null || detailsJson.isBlank() ? "{}" : detailsJson;
    }
}
