package dev.limbic.store;

import java.util.Objects;

/**
 * What one alert event did, known only once it is committed.
 *
 * @param kind       what it did
 * @param incidentId the incident it opened or changed, 0 when {@link Kind#IGNORED}
 */
public record IntakeOutcome(Kind kind, long incidentId) {
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
        if ((kind == Kind.IGNORED) != (incidentId == 0)) {
            throw new IllegalArgumentException(kind + " with incident id " + incidentId);
        }
    }
}
