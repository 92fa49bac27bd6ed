package dev.limbic.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * A page that was due but is held, and when it goes out at the latest.
 *
 * @param responderId who will be paged
 * @param round       the round the page belongs to
 * @param step        the step the page belongs to
 * @param reason      why they are paged
 * @param dueAt       when the page was due; the hold never reaches past {@code dueAt} plus the engine's bound
 * @param heldUntil   when the page goes out unless the hold is lifted sooner
 * @param holdReason  why it is held, for the timeline
 */
public record HeldPage(String responderId, int round, int step, PageReason reason, Instant dueAt, Instant heldUntil,
                       String holdReason) {
    public HeldPage {
        Objects.requireNonNull(responderId, "responderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(heldUntil, "heldUntil");
        Objects.requireNonNull(holdReason, "holdReason");
    }
}
