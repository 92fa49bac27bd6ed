package dev.limbic.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page to one responder on one channel for one escalation step.
 *
 * @param id            record number
 * @param incidentId    the incident
 * @param responder     who is paged
 * @param channel       on which channel
 * @param step          the escalation step that paged
 * @param round         the policy round
 * @param status        where it stands
 * @param attempts      attempts so far
 * @param nextAttemptAt when to try again, if queued for a retry
 * @param lastError     the latest failure, if any
 * @param createdAt     when it was queued
 * @param updatedAt     when it last changed
 */
public record NotificationRecord(long id, long incidentId, String responder, String channel, int step, int round,
                                 NotificationStatus status, int attempts, Optional<Instant> nextAttemptAt,
                                 Optional<String> lastError, Instant createdAt, Instant updatedAt) {
    public NotificationRecord {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }
}
