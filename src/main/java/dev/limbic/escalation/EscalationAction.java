package dev.limbic.escalation;

import java.time.Instant;
import java.util.Objects;

/** Something the engine asks the edges to do: page a responder, or tell one what happened. */
public sealed interface EscalationAction {
    /** The incident the action is about. */
    String incidentId();

    /** The responder to reach. */
    String responderId();

    /**
     * Page a responder for an incident.
     *
     * @param dueAt when the page was due; it is issued later only when it was held, and never more than the engine's
     *              bound later
     */
    record Page(String incidentId, String responderId, int round, int step, PageReason reason, Instant dueAt)
            implements EscalationAction {
        public Page {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(responderId, "responderId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** Tell a responder who was paged earlier what became of the incident (acknowledged, resolved, reassigned). */
    record Notify(String incidentId, String responderId, TimelineKind about, String text) implements EscalationAction {
        public Notify {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(responderId, "responderId");
            Objects.requireNonNull(about, "about");
            Objects.requireNonNull(text, "text");
        }
    }
}
