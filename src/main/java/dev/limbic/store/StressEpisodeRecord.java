package dev.limbic.store;

import dev.limbic.care.StressEpisode;
import dev.limbic.stress.StressState;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored stress episode: derived facts only, never heart rate.
 *
 * @param id            record number
 * @param key           the stress-aware rules' id of the episode ({@link StressEpisode#id()})
 * @param responder     whose
 * @param incidentId    the incident it is linked to; empty once that incident was deleted by retention
 * @param cause         what opened it
 * @param indeterminate whether the responder was already stressed before the page, so it cannot be put down to it
 * @param peakState     the highest stress state reached while it was open
 * @param reason        why it opened, in words for people
 * @param openedAt      when it opened
 * @param closedAt      when it closed; empty while open
 * @param closeReason   why it closed; present exactly when {@code closedAt} is
 */
public record StressEpisodeRecord(long id, String key, String responder, OptionalLong incidentId,
                                  StressEpisode.Cause cause, boolean indeterminate, StressState peakState, String reason,
                                  Instant openedAt, Optional<Instant> closedAt, Optional<String> closeReason) {
    public StressEpisodeRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(peakState, "peakState");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(closeReason, "closeReason");
    }

    /** Whether the episode is still open. */
    public boolean isOpen() {
        return closedAt.isEmpty();
    }
}
