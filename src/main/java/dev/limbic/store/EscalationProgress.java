package dev.limbic.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one incident's escalation stands, as stored so that a restart resumes it.
 *
 * @param incidentId   the incident
 * @param policyId     the escalation policy it follows
 * @param step         the index of the step that pages next (or paged last, as the engine defines)
 * @param round        how many times the policy has repeated
 * @param nextDueAt    when the engine must look at it again, empty when nothing is due
 * @param status       whether escalation runs
 * @param snoozedUntil when a snooze ends, if snoozed
 * @param version      bumped on every save; a save with a stale version is refused
 */
public record EscalationProgress(long incidentId, String policyId, int step, int round, Optional<Instant> nextDueAt,
                                 EscalationStatus status, Optional<Instant> snoozedUntil, long version) {
    public EscalationProgress {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(nextDueAt, "nextDueAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(snoozedUntil, "snoozedUntil");
        if (step < 0 || round < 0) {
            throw new IllegalArgumentException("step and round must not be negative: " + step + ", " + round);
        }
    }
}
