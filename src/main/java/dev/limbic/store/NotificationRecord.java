package dev.limbic.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page (or notice) to one responder on one channel for one escalation step.
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
 * @param notice        for a notice (the incident was acknowledged or resolved), its title and text; empty for a page
 */
public record NotificationRecord(long id, long incidentId, String responder, String channel, int step, int round,
                                 NotificationStatus status, int attempts, Optional<Instant> nextAttemptAt,
                                 Optional<String> lastError, Instant createdAt, Instant updatedAt,
                                 Optional<Notice> notice) {
    public NotificationRecord {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        notice = notice == null ? Optional.empty() : notice;
    }

    /** A page record. */
    public NotificationRecord(long id, long incidentId, String responder, String channel, int step, int round,
                              NotificationStatus status, int attempts, Optional<Instant> nextAttemptAt,
                              Optional<String> lastError, Instant createdAt, Instant updatedAt) {
        this(id, incidentId, responder, channel, step, round, status, attempts, nextAttemptAt, lastError, createdAt,
                updatedAt, Optional.empty());
    }

    /**
     * What a notice says.
     *
     * @param title its title
     * @param text  its text
     */
    public record Notice(String title, String text) {
        public Notice {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }
}
