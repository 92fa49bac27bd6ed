package dev.limbic.store;

import dev.limbic.alert.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as stored: the alerts that share one dedup key while it is open.
 *
 * @param id             incident number
 * @param integration    the integration whose events opened it
 * @param dedupKey       its dedup key within that integration
 * @param status         where it stands
 * @param severity       the severity of the alert that opened it
 * @param summary        the summary of the alert that opened it
 * @param source         the source of the alert that opened it
 * @param labels         the labels of the alert that opened it
 * @param detailsJson    the details of the alert that opened it, a JSON text
 * @param policyId       the escalation policy routing chose, empty if none matched
 * @param openedAt       when the first alert arrived
 * @param acknowledgedAt when it was acknowledged, if it was
 * @param acknowledgedBy who acknowledged it, if someone did
 * @param resolvedAt     when it was resolved, if it was
 * @param resolvedBy     who resolved it, if someone did
 * @param alertCount     alerts received for it (redeliveries not counted)
 * @param lastAlertAt    when the latest alert arrived
 */
public record Incident(long id, String integration, String dedupKey, IncidentStatus status, Severity severity,
                       String summary, String source, Map<String, String> labels, String detailsJson,
                       Optional<String> policyId, Instant openedAt, Optional<Instant> acknowledgedAt,
                       Optional<String> acknowledgedBy, Optional<Instant> resolvedAt, Optional<String> resolvedBy,
                       int alertCount, Instant lastAlertAt) {
    public Incident {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        labels = Map.copyOf(labels);
    }

    /** Whether it is still open (triggered or acknowledged). */
    public boolean isOpen() {
        return status != IncidentStatus.RESOLVED;
    }

    /** Time from opening to acknowledgement, if it was acknowledged. */
    public Optional<Duration> timeToAcknowledge() {
        return acknowledgedAt.map(at -> Duration.between(openedAt, at));
    }

    /** Time from opening to resolution, if it was resolved. */
    public Optional<Duration> timeToResolve() {
        return resolvedAt.map(at -> Duration.between(openedAt, at));
    }
}
