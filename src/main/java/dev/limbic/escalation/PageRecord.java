package dev.limbic.escalation;

import java.util.Objects;
import java.time.Instant;

/**
 * A page the engine issued: who was paged at which step of which round, when, and why.
 *
 * @param responderId who
 * @param round       which pass through the policy, from 0
 * @param step        which step, from 0
 * @param reason      why
 * @param dueAt       when the page was due (before any hold)
 * @param issuedAt    when the engine issued it (after any hold)
 */
public record PageRecord(String responderId, int round, int step, PageReason reason, Instant dueAt, Instant issuedAt) {
    public PageRecord {
        Objects.requireNonNull(responderId, "responderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
