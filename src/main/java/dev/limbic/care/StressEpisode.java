package dev.limbic.care;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of stress of one paged responder, linked to the incident it happened during. Stored (without heart rate)
 * for the episode retention; raw samples never are.
 *
 * @param id             unique: responder, incident and opening instant
 * @param responder      whose
 * @param incidentId     the incident it is linked to
 * @param cause          what opened it
 * @param indeterminate  whether heart rate was already high or rising before the page, so the episode cannot be
 *                       blamed on it
 * @param openedAt       when it opened
 * @param breathingUntil when the breathing window ends (the escalation timer is held until then)
 */
public record StressEpisode(String id, String responder, String incidentId, Cause cause, boolean indeterminate,
                            Instant openedAt, Instant breathingUntil) {
    /** What opened an episode. */
    public enum Cause {
        /** Heart rate rose clearly after a page. */
        PAGE_REACTION,
        /** The responder's state was {@code ACUTE} while they held an open incident. */
        ACUTE_DURING_INCIDENT
    }

    /** What set off the opening of an episode: the path on which its evidence was acted on. */
    public enum Trigger {
        /** The heart-rate sample that completed the evidence (a held reaction, or the rise to {@code ACUTE}). */
        SAMPLE,
        /** The page itself, to a responder who was {@code ACUTE} already. */
        PAGE,
        /** The end of a page's reaction window, when its pending judgement was given on time alone. */
        TIMER
    }

    public StressEpisode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(breathingUntil, "breathingUntil");
    }
}
