package dev.limbic.escalation;

import dev.limbic.alert.Severity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one predicate for every kind of hold (stress deferral, a breathing window): asked by the engine whenever a
 * page is due and whenever an escalation timer runs out. Advice only: the engine bounds every hold and never holds
 * a critical incident, whatever the advisor says.
 *
 * <p>The engine asks again at every evaluation while a hold lasts: a held page goes out as soon as the advisor stops
 * asking for it. So when the reason for a hold goes away (a responder calms down), evaluate the incidents that hold
 * pages for that responder ({@link EscalationProgress#heldPages()}) right away rather than waiting for their timer.
 */
@FunctionalInterface
public interface HoldAdvisor {
    /** What a hold would delay. */
    enum Subject {
        /** A page to the responder. */
        PAGE,
        /** Escalating past the responder, who was paged at the current step (or whose page for it is held). */
        ESCALATION
    }

    /**
     * The question put to the advisor.
     *
     * @param incidentId  the incident
     * @param severity    its severity
     * @param subject     a page or an escalation timer
     * @param responderId the responder concerned
     */
    record Question(String incidentId, Severity severity, Subject subject, String responderId) {
        public Question {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(responderId, "responderId");
        }
    }

    /** The hold wanted for {@code question} at {@code now}, or empty to go ahead. */
    Optional<Hold> advise(Question question, Instant now);

    /** An advisor that never holds anything: the plain pager. */
    HoldAdvisor NONE = (question, now) -> Optional.empty();
}
