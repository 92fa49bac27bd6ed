package dev.limbic.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation or command produced. Store {@link #progress()}, the timeline and the actions in one
 * transaction, then perform the actions and set a timer for {@link #wakeAt()}.
 *
 * @param progress the new stored state
 * @param actions  pages and notifications to perform, in order
 * @param timeline what was decided, for the incident's timeline
 * @param refusal  why a command was refused (nothing changed), or empty
 */
public record EscalationOutcome(EscalationProgress progress, List<EscalationAction> actions,
                                List<TimelineEntry> timeline, Optional<String> refusal) {
    public EscalationOutcome {
        Objects.requireNonNull(progress, "progress");
        actions = List.copyOf(actions);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(refusal, "refusal");
    }

    static EscalationOutcome unchanged(EscalationProgress progress) {
        return new EscalationOutcome(progress, List.of(), List.of(), Optional.empty());
    }

    static EscalationOutcome refused(EscalationProgress progress, String reason) {
        return new EscalationOutcome(progress, List.of(), List.of(), Optional.of(reason));
    }

    /** When to evaluate again, or empty when nothing is pending. */
    public Optional<Instant> wakeAt() {
        return progress.wakeAt();
    }

    /** The pages among the actions. */
    public List<EscalationAction.Page> pages() {
        return actions.stream().filter(EscalationAction.Page.class::isInstance)
                .map(EscalationAction.Page.class::cast).toList();
    }
}
