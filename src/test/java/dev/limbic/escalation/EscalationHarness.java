package dev.limbic.escalation;

import dev.limbic.alert.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives one incident's escalation the way the Vert.x side will: store each outcome, "perform" its actions, and
 * evaluate again exactly when {@link EscalationProgress#wakeAt()} says, on a clock the test advances by hand.
 */
final class EscalationHarness {
    /** A page performed at an instant. */
    record Issued(EscalationAction.Page page, Instant at) {
    }

    /** One call of the engine: the stored progress before, the command (or null for an evaluation), the outcome. */
    record Transition(Instant at, EscalationProgress before, EscalationCommand command, EscalationOutcome outcome) {
    }

    final EscalationEngine engine;
    final EscalationPolicy policy;
    final OnCallResolver onCall;
    EscalationProgress stored;
    Instant now;
    final List<Issued> issued = new ArrayList<>();
    final List<EscalationAction.Notify> notifications = new ArrayList<>();
    final List<TimelineEntry> timeline = new ArrayList<>();
    final List<Transition> transitions = new ArrayList<>();

    EscalationHarness(EscalationEngine engine, EscalationPolicy policy, OnCallResolver onCall, Severity severity,
                      Instant start) {
        this.engine = engine;
        this.policy = policy;
        this.onCall = onCall;
        this.now = start;
        this.stored = EscalationProgress.open("inc-1", policy.id(), severity, start);
        evaluateNow();
    }

    /** Evaluates at every wake-up up to {@code until}, as a timer would, then sets the clock to {@code until}. */
    EscalationHarness advanceTo(Instant until) {
        Optional<Instant> wake = stored.wakeAt();
        while (wake.isPresent() && !wake.get().isAfter(until)) {
            now = wake.get().isAfter(now) ? wake.get() : now;
            evaluateNow();
            wake = stored.wakeAt();
        }
        now = until;
        return this;
    }

    EscalationHarness advance(Duration duration) {
        return advanceTo(now.plus(duration));
    }

    EscalationOutcome evaluateNow() {
        return record(null, engine.evaluate(stored, policy, onCall, now));
    }

    EscalationOutcome command(EscalationCommand command) {
        return record(command, engine.apply(command, stored, policy, onCall, now));
    }

    /** Moves the clock without evaluating, as if the process were down. */
    void downFor(Duration duration) {
        now = now.plus(duration);
    }

    private EscalationOutcome record(EscalationCommand command, EscalationOutcome outcome) {
        transitions.add(new Transition(now, stored, command, outcome));
        perform(outcome);
        stored = outcome.progress();
        return outcome;
    }

    /** Performs the outcome's actions and keeps its timeline, without storing its progress. */
    void perform(EscalationOutcome outcome) {
        for (EscalationAction action : outcome.actions()) {
            if (action instanceof EscalationAction.Page page) {
                issued.add(new Issued(page, now));
            } else if (action instanceof EscalationAction.Notify notify) {
                notifications.add(notify);
            }
        }
        timeline.addAll(outcome.timeline());
    }

    /** Who was paged, in order. */
    List<String> pagedResponders() {
        return issued.stream().map(i -> i.page().responderId()).toList();
    }

    /** Who was paged, with the minute (from {@code start}) of each page, as "ada@0". */
    List<String> pagesByMinute(Instant start) {
        return issued.stream()
                .map(i -> i.page().responderId() + "@" + Duration.between(start, i.at()).toMinutes()).toList();
    }

    List<TimelineKind> timelineKinds() {
        return timeline.stream().map(TimelineEntry::kind).toList();
    }
}
