package dev.limbic.escalation;

import java.util.Objects;

/** Whom an escalation step pages: one responder, or whoever is on call in a schedule at that moment. */
public sealed interface Target {
    /** Page this responder. */
    record Responder(String responderId) implements Target {
        public Responder {
            Objects.requireNonNull(responderId, "responderId");
        }
    }

    /** Page everyone on call in this schedule when the step is reached. */
    record OnCallSchedule(String scheduleId) implements Target {
        public OnCallSchedule {
            Objects.requireNonNull(scheduleId, "scheduleId");
        }
    }

    /** A responder target. */
    static Target responder(String responderId) {
        return new Responder(responderId);
    }

    /** A schedule target. */
    static Target schedule(String scheduleId) {
        return new OnCallSchedule(scheduleId);
    }
}
