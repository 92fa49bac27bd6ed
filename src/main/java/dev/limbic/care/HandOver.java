package dev.limbic.care;

import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A responder hands an incident over with one action (usually to their partner, who has joined them). The incident
 * is reassigned: the new holder is paged and escalation continues from them.
 *
 * @param by         the responder handing over
 * @param incidentId the incident
 * @param to         who takes it over
 */
public record HandOver(String by, String incidentId, String to) {
    public HandOver {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(to, "to");
        if (by.equals(to)) {
            throw new IllegalArgumentException(by + " cannot hand " + incidentId + " over to themself");
        }
    }

    /** The escalation command that performs it. */
    public EscalationCommand command() {
        return new EscalationCommand.Reassign(by, to);
    }

    /** What the new holder reads. */
    public String textForNewHolder() {
        return by + " handed " + incidentId + " over to you. Thank you for taking it.";
    }

    /** What the responder who handed over reads. */
    public String textForPreviousHolder() {
        return to + " has taken over " + incidentId + ". Good call: step back and breathe.";
    }

    /** The incident's timeline entry. */
    public IncidentNote note(Instant at) {
        return new IncidentNote(incidentId, new TimelineEntry(at, TimelineKind.HANDED_OVER,
                by + " handed the incident over to " + to, Map.of("by", by, "responder", to)));
    }
}
