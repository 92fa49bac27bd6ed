package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationOutcome;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fatigue budget at work: who is on call, as the escalation engine asks it for one evaluation of one incident,
 * with each responder whose night-page budget is spent replaced by the next person on the same schedule who still
 * has budget ({@link LoadLedger#rerouteTo}). Only for non-critical incidents, only at night in the spent responder's
 * own timezone, and only for steps that page a schedule (a step naming a responder pages them as planned). Never
 * drops a page: when nobody else on the schedule can take it, the responder is paged as planned.
 *
 * <p>"The next person on the schedule" is whoever comes on call at the schedule's following handoffs (up to
 * {@value #HANDOFFS_LOOKED_AHEAD} of them), in the order they take over.
 *
 * <p>Build one per evaluation; pass each engine outcome through {@link #withNotes} so every reroute is on the
 * incident's timeline, before the page it changed. Deterministic: time comes from the engine's calls.
 */
public final class FatigueReroute implements OnCallResolver {
    /** How many handoffs ahead the next person on a schedule is looked for. */
    public static final int HANDOFFS_LOOKED_AHEAD = 32;

    private final OnCallResolver schedules;
    private final LoadLedger ledger;
    private final Severity severity;
    private final List<TimelineEntry> notes = new ArrayList<>();
    private final List<Rerouted> rerouted = new ArrayList<>();

    /**
     * A page that went to someone else.
     *
     * @param scheduleId the schedule whose on-call responder was spent
     * @param from       the responder whose budget is spent
     * @param to         who is paged instead
     * @param at         when
     */
    public record Rerouted(String scheduleId, String from, String to, Instant at) {
        public Rerouted {
            Objects.requireNonNull(scheduleId, "scheduleId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param schedules who is really on call
     * @param ledger    the night pages so far and the budget
     * @param severity  the incident's severity (critical incidents are never rerouted)
     */
    public FatigueReroute(OnCallResolver schedules, LoadLedger ledger, Severity severity) {
        this.schedules = Objects.requireNonNull(schedules, "schedules");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.severity = Objects.requireNonNull(severity, "severity");
    }

    @Override
    public List<String> onCall(String scheduleId, Instant at) {
        List<String> onCall = schedules.onCall(scheduleId, at);
        if (severity.isCritical() || onCall.isEmpty()
                || onCall.stream().noneMatch(responder -> ledger.budgetSpentAtNight(responder, at))) {
            return onCall;
        }
        List<String> next = upNext(scheduleId, onCall, at);
        Set<String> paged = new LinkedHashSet<>();
        for (String responder : onCall) {
            Optional<String> instead = ledger.rerouteTo(responder, severity, next, at);
            if (instead.isEmpty()) {
                paged.add(responder);
                continue;
            }
            paged.add(instead.get());
            rerouted.add(new Rerouted(scheduleId, responder, instead.get(), at));
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("responder", responder);
            fields.put("to", instead.get());
            fields.put("schedule", scheduleId);
            fields.put("reason", "fatigue_budget");
            notes.add(new TimelineEntry(at, TimelineKind.PAGE_REROUTED, "Paging " + instead.get() + " instead of "
                    + responder + ": " + responder + " has had their night pages for this week (fatigue budget)",
                    fields));
        }
        return List.copyOf(paged);
    }

    @Override
    public Optional<Instant> nextChangeAfter(String scheduleId, Instant at) {
        return schedules.nextChangeAfter(scheduleId, at);
    }

    /** {@code outcome} with the reroutes made while it was decided first on its timeline; forgets them. */
    public EscalationOutcome withNotes(EscalationOutcome outcome) {
        if (notes.isEmpty()) {
            return outcome;
        }
        List<TimelineEntry> timeline = new ArrayList<>(notes);
        timeline.addAll(outcome.timeline());
        notes.clear();
        return new EscalationOutcome(outcome.progress(), outcome.actions(), timeline, outcome.refusal());
    }

    /** Every page rerouted so far by this resolver. */
    public List<Rerouted> rerouted() {
        return List.copyOf(rerouted);
    }

    /** Who comes on call in the schedule after {@code onCall}, in the order they take over. */
    private List<String> upNext(String scheduleId, List<String> onCall, Instant at) {
        Set<String> next = new LinkedHashSet<>();
        Instant t = at;
        for (int handoff = 0; handoff < HANDOFFS_LOOKED_AHEAD; handoff++) {
            Optional<Instant> change = schedules.nextChangeAfter(scheduleId, t);
            if (change.isEmpty() || !change.get().isAfter(t)) {
                break;
            }
            t = change.get();
            schedules.onCall(scheduleId, t).stream().filter(r -> !onCall.contains(r)).forEach(next::add);
        }
        return List.copyOf(next);
    }
}
