package dev.limbic.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What one alert event did, known only once it is committed.
 *
 * @param kind       what it did
 * @param incidentId the incident it opened or changed, 0 when {@link Kind#IGNORED}
 * @param opened     for {@link Kind#OPENED}: the new incident as committed with its batch (what loading it right after
 *                   the commit returns, alerts added and status changes by later events of the batch included; its
 *                   details are the same JSON value, spelled as the event spelled them), so whoever acts on it need
 *                   not read it back; empty for every other kind
 */
public record IntakeOutcome(Kind kind, long incidentId, Optional<Incident> opened) {
    /** What an event did to the incidents. */
    public enum Kind {
        /** A trigger opened a new incident. */
        OPENED,
        /** A trigger was added to the open incident with the same key. */
        DEDUPLICATED,
        /** A redelivery of an event already recorded on the open incident: nothing changed. */
        REPEATED,
        /** The open incident with the same key is (now) acknowledged. */
        ACKNOWLEDGED,
        /** The open incident with the same key was resolved. */
        RESOLVED,
        /** An acknowledge or resolve for a key with no open incident: nothing changed. */
        IGNORED
    }

    public IntakeOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(opened, "opened");
        if ((kind == Kind.IGNORED) != (incidentId == 0)) {
            throw new IllegalArgumentException(kind + " with incident id " + incidentId);
        }
        if (opened.isPresent() && (kind != Kind.OPENED || opened.get().id() != incidentId)) {
            throw new IllegalArgumentException(kind + " of incident " + incidentId + " with opened incident "
                    + opened.get().id());
        }
    }

    /** An outcome that carries no incident. */
    public IntakeOutcome(Kind kind, long incidentId) {
        this(kind, incidentId, Optional.empty());
    }
}
