package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationAction;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationEngine;
import dev.limbic.escalation.EscalationOutcome;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HoldAdvisor;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.stress.StressState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime in miniature, as the app will wire it: several incidents on the real {@link EscalationEngine}, with the
 * {@link CareAdvisor} and {@link StressEpisodes} (or, for the plain pager, an advisor that never holds), every outcome
 * performed at once, and a clock the test advances; each wake-up evaluated exactly when it is due.
 */
final class CareWorld {
    /** A page performed at an instant. */
    record Issued(EscalationAction.Page page, Instant at) {
    }

    final boolean care;
    final EscalationEngine engine;
    final EscalationPolicy policy;
    final StressEpisodes episodes;
    final Map<String, EscalationProgress> stored = new LinkedHashMap<>();
    final Map<String, List<TimelineEntry>> timelines = new HashMap<>();
    final List<Issued> issued = new ArrayList<>();
    final List<CareAction> careActions = new ArrayList<>();
    Instant now;

    private CareWorld(boolean care, CareSettings settings, EscalationPolicy policy, Map<String, String> partners,
                      Instant start) {
        this.care = care;
        this.policy = policy;
        this.now = start;
        this.episodes = new StressEpisodes(settings,
                new PartnerHandoff(settings, r -> Optional.ofNullable(partners.get(r))));
        this.engine = new EscalationEngine(settings.engineMaxHold(), care ? new CareAdvisor(episodes) : HoldAdvisor.NONE);
    }

    /** Limbic with the stress-aware rules. */
    static CareWorld care(CareSettings settings, EscalationPolicy policy, Map<String, String> partners, Instant start) {
        return new CareWorld(true, settings, policy, partners, start);
    }

    /** The plain pager: the same engine and bound, an advisor that never holds, no stress rules. */
    static CareWorld plain(CareSettings settings, EscalationPolicy policy, Instant start) {
        return new CareWorld(false, settings, policy, Map.of(), start);
    }

    void alert(String incidentId, Severity severity) {
        stored.put(incidentId, EscalationProgress.open(incidentId, policy.id(), severity, now));
        evaluate(incidentId);
    }

    EscalationOutcome command(String incidentId, EscalationCommand command) {
        EscalationOutcome outcome = engine.apply(command, stored.get(incidentId), policy, onCall(), now);
        record(incidentId, outcome);
        if (care && command instanceof EscalationCommand.Resolve && outcome.refusal().isEmpty()) {
            episodes.onIncidentResolved(incidentId);
        }
        return outcome;
    }

    void stress(String responder, StressState state) {
        if (care) {
            perform(episodes.onStateChange(responder, state, now));
        }
    }

    void judged(String responder, String incidentId, PageReaction reaction) {
        if (care) {
            perform(episodes.onPageJudged(responder, incidentId, reaction, StressEpisode.Trigger.SAMPLE, now));
        }
    }

    /** Evaluates every wake-up up to {@code until} at its instant, then sets the clock to {@code until}. */
    CareWorld advanceTo(Instant until) {
        for (int guard = 0; guard < 100_000; guard++) {
            Optional<Instant> next = nextWake();
            if (next.isEmpty() || next.get().isAfter(until)) {
                now = until;
                return this;
            }
            now = next.get().isAfter(now) ? next.get() : now;
            if (care && episodes.wakeAt().filter(w -> !w.isAfter(now)).isPresent()) {
                perform(episodes.tick(now));
            }
            for (String incident : List.copyOf(stored.keySet())) {
                if (stored.get(incident).wakeAt().filter(w -> !w.isAfter(now)).isPresent()) {
                    evaluate(incident);
                }
            }
        }
        throw new IllegalStateException("wake-ups never settle at " + now);
    }

    CareWorld advance(java.time.Duration duration) {
        return advanceTo(now.plus(duration));
    }

    List<TimelineEntry> timeline(String incidentId) {
        return timelines.getOrDefault(incidentId, List.of());
    }

    List<Issued> pagesOf(String incidentId) {
        return issued.stream().filter(i -> i.page().incidentId().equals(incidentId)).toList();
    }

    /** When this world next has something to do. */
    Optional<Instant> nextWake() {
        Optional<Instant> next = care ? episodes.wakeAt() : Optional.empty();
        for (EscalationProgress progress : stored.values()) {
            Optional<Instant> wake = progress.wakeAt();
            if (wake.isPresent() && (next.isEmpty() || wake.get().isBefore(next.get()))) {
                next = wake;
            }
        }
        return next;
    }

    private void evaluate(String incidentId) {
        record(incidentId, engine.evaluate(stored.get(incidentId), policy, onCall(), now));
    }

    private void record(String incidentId, EscalationOutcome outcome) {
        stored.put(incidentId, outcome.progress());
        timelines.computeIfAbsent(incidentId, k -> new ArrayList<>()).addAll(outcome.timeline());
        for (EscalationAction.Page page : outcome.pages()) {
            issued.add(new Issued(page, now));
            if (care) {
                perform(episodes.onPaged(page.responderId(), incidentId, now));
            }
        }
    }

    private void perform(CareOutcome outcome) {
        careActions.addAll(outcome.actions());
        for (IncidentNote note : outcome.notes()) {
            timelines.computeIfAbsent(note.incidentId(), k -> new ArrayList<>()).add(note.entry());
        }
        if (!outcome.holdsLifted().isEmpty()) {
            for (String incident : List.copyOf(stored.keySet())) {
                EscalationProgress progress = stored.get(incident);
                if (progress.status() != IncidentStatus.RESOLVED
                        && (!progress.heldPages().isEmpty() || progress.timerHeldUntil() != null)) {
                    evaluate(incident);
                }
            }
        }
    }

    private static OnCallResolver onCall() {
        return (scheduleId, at) -> List.of();
    }
}
