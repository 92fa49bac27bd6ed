package dev.limbic.escalation;

import dev.limbic.alert.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The escalation step function: from an incident's stored {@link EscalationProgress}, its policy, who is on call and
 * the current instant, what to page now, what to write on the timeline, and when to look again.
 *
 * <p>Stateless and deterministic. Nothing lives only in a timer: evaluating stored progress at any later instant
 * resumes it. When a timer is overdue (after a restart, say) the engine takes exactly one escalation step and starts
 * that step's delay from now, so no step is skipped and every step's responders get their full delay to answer.
 * Evaluating the same stored progress again at the same instant does nothing. If a crash loses an outcome whose
 * actions were already performed, evaluating the stored progress again repeats that one step's pages once; storing
 * the outcome (with its pages as outbox rows) before delivering them means it never happens.
 *
 * <p>Holds: a {@link HoldAdvisor} may delay a page, or the escalation past a responder paged at the current step.
 * The engine caps every hold at {@code maxHold} after the moment the page or timer was due (so repeated or renewed
 * holds never add up beyond it), and never holds a critical incident.
 */
public final class EscalationEngine {
    private final Duration maxHold;
    private final HoldAdvisor advisor;

    /**
     * An engine whose holds last at most {@code maxHold}.
     *
     * @param maxHold the longest any page or timer may be held; {@link Duration#ZERO} disables holds
     * @param advisor who asks for holds
     */
    public EscalationEngine(Duration maxHold, HoldAdvisor advisor) {
        this.maxHold = Objects.requireNonNull(maxHold, "maxHold");
        this.advisor = Objects.requireNonNull(advisor, "advisor");
        if (maxHold.isNegative()) {
            throw new IllegalArgumentException("maxHold must not be negative, was " + maxHold);
        }
    }

    /** The plain pager: no holds. */
    public static EscalationEngine plain() {
        return new EscalationEngine(Duration.ZERO, HoldAdvisor.NONE);
    }

    /** The longest any page or timer may be held. */
    public Duration maxHold() {
        return maxHold;
    }

    /** Performs whatever is due at {@code now}: escalations, ended acknowledgements and snoozes, released holds. */
    public EscalationOutcome evaluate(EscalationProgress progress, EscalationPolicy policy, OnCallResolver onCall,
                                      Instant now) {
        if (progress.status() == IncidentStatus.RESOLVED) {
            return EscalationOutcome.unchanged(progress);
        }
        Run run = new Run(progress, policy, onCall, now);
        run.performDue();
        return run.outcome();
    }

    /**
     * Applies a command at {@code now}, after performing whatever was already due. A command that makes no sense
     * (anything but resolve on a resolved incident, a snooze that ends in the past) is refused and changes nothing;
     * repeating a command (acknowledging an acknowledged incident) changes nothing.
     */
    public EscalationOutcome apply(EscalationCommand command, EscalationProgress progress, EscalationPolicy policy,
                                   OnCallResolver onCall, Instant now) {
        if (progress.status() == IncidentStatus.RESOLVED) {
            return command instanceof EscalationCommand.Resolve
                    ? EscalationOutcome.unchanged(progress)
                    : EscalationOutcome.refused(progress, "incident " + progress.incidentId() + " is resolved");
        }
        if (command instanceof EscalationCommand.Snooze snooze && !snooze.until().isAfter(now)) {
            return EscalationOutcome.refused(progress, "snooze must end after now (" + now + "), was " + snooze.until());
        }
        Run run = new Run(progress, policy, onCall, now);
        run.performDue();
        if (command instanceof EscalationCommand.Acknowledge ack) {
            run.acknowledge(ack.by());
        } else if (command instanceof EscalationCommand.Resolve resolve) {
            run.resolve(resolve.by());
        } else if (command instanceof EscalationCommand.Snooze snooze) {
            run.snooze(snooze.by(), snooze.until());
        } else if (command instanceof EscalationCommand.EscalateNow escalate) {
            run.escalateNow(escalate.by());
        } else if (command instanceof EscalationCommand.Reassign reassign) {
            run.reassign(reassign.by(), reassign.responderId());
        }
        return run.outcome();
    }

    /** A position in a policy: a step of a round. */
    private record Position(int round, int step) {
    }

    /** One evaluation: a mutable copy of the progress, and what was decided on it. */
    private final class Run {
        private final EscalationPolicy policy;
        private final OnCallResolver onCall;
        private final Instant now;
        private final String incidentId;
        private final String policyId;
        private final Severity severity;
        private IncidentStatus status;
        private int round;
        private int step;
        private Instant nextDueAt;
        private Instant timerHeldUntil;
        private String acknowledgedBy;
        private String assignee;
        private final List<PageRecord> pages;
        private List<HeldPage> held;
        private final List<EscalationAction> actions = new ArrayList<>();
        private final List<TimelineEntry> timeline = new ArrayList<>();

        Run(EscalationProgress progress, EscalationPolicy policy, OnCallResolver onCall, Instant now) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.onCall = Objects.requireNonNull(onCall, "onCall");
            this.now = Objects.requireNonNull(now, "now");
            if (!policy.id().equals(progress.policyId())) {
                throw new IllegalArgumentException("incident " + progress.incidentId() + " escalates by policy '"
                        + progress.policyId() + "', not '" + policy.id() + "'");
            }
            incidentId = progress.incidentId();
            policyId = progress.policyId();
            severity = progress.severity();
            status = progress.status();
            round = progress.round();
            step = Math.min(progress.step(), policy.steps().size() - 1);
            nextDueAt = progress.nextDueAt();
            timerHeldUntil = progress.timerHeldUntil();
            acknowledgedBy = progress.acknowledgedBy();
            assignee = progress.assignee();
            pages = new ArrayList<>(progress.pages());
            held = progress.heldPages();
        }

        EscalationOutcome outcome() {
            EscalationProgress progress = new EscalationProgress(incidentId, policyId, severity, status, round, step,
                    nextDueAt, timerHeldUntil, acknowledgedBy, assignee, pages, held);
            return new EscalationOutcome(progress, actions, timeline, Optional.empty());
        }

        void performDue() {
            releaseHeldPages();
            if (nextDueAt == null || now.isBefore(nextDueAt)) {
                return;
            }
            switch (status) {
                case TRIGGERED -> {
                    if (step >= 0 && escalationHeld()) {
                        return;
                    }
                    timerHeldUntil = null;
                    advance();
                }
                case ACKNOWLEDGED -> {
                    note(TimelineKind.ACK_TIMEOUT, "Acknowledgement by " + acknowledgedBy + " timed out; paging again",
                            Map.of("by", String.valueOf(acknowledgedBy)));
                    status = IncidentStatus.TRIGGERED;
                    acknowledgedBy = null;
                    enterStep(round, Math.max(step, 0), PageReason.ACK_TIMEOUT);
                }
                case SNOOZED -> {
                    note(TimelineKind.SNOOZE_ENDED, "Snooze ended; paging again", Map.of());
                    status = IncidentStatus.TRIGGERED;
                    acknowledgedBy = null;
                    enterStep(round, Math.max(step, 0), PageReason.SNOOZE_ENDED);
                }
                case RESOLVED -> throw new IllegalStateException("a resolved incident has no timer");
            }
        }

        // ---- commands ----

        void acknowledge(String by) {
            if (status == IncidentStatus.ACKNOWLEDGED) {
                return;
            }
            cancelHeldPages("acknowledged by " + by);
            status = IncidentStatus.ACKNOWLEDGED;
            acknowledgedBy = by;
            timerHeldUntil = null;
            nextDueAt = policy.hasAckTimeout() ? now.plus(policy.ackTimeout()) : null;
            note(TimelineKind.ACKNOWLEDGED, "Acknowledged by " + by
                    + (nextDueAt == null ? "" : "; pages again at " + nextDueAt + " unless resolved"),
                    fields("by", by, "until", nextDueAt));
            notifyPaged(TimelineKind.ACKNOWLEDGED, by + " acknowledged incident " + incidentId, by);
        }

        void resolve(String by) {
            cancelHeldPages("resolved by " + by);
            status = IncidentStatus.RESOLVED;
            nextDueAt = null;
            timerHeldUntil = null;
            note(TimelineKind.RESOLVED, "Resolved by " + by, Map.of("by", by));
            notifyPaged(TimelineKind.RESOLVED, by + " resolved incident " + incidentId, by);
        }

        void snooze(String by, Instant until) {
            cancelHeldPages("snoozed by " + by);
            status = IncidentStatus.SNOOZED;
            acknowledgedBy = by;
            nextDueAt = until;
            timerHeldUntil = null;
            note(TimelineKind.SNOOZED, "Snoozed by " + by + " until " + until, fields("by", by, "until", until));
        }

        void escalateNow(String by) {
            status = IncidentStatus.TRIGGERED;
            acknowledgedBy = null;
            timerHeldUntil = null;
            Position next = step + 1 < policy.steps().size() ? new Position(round, step + 1) : new Position(round + 1, 0);
            note(TimelineKind.ESCALATED_MANUALLY, by + " escalated to " + label(next.round(), next.step()),
                    Map.of("by", by));
            enterStep(next.round(), next.step(), PageReason.ESCALATED_MANUALLY);
        }

        void reassign(String by, String responderId) {
            status = IncidentStatus.TRIGGERED;
            acknowledgedBy = null;
            timerHeldUntil = null;
            assignee = responderId;
            step = Math.max(step, 0);
            note(TimelineKind.REASSIGNED, by + " reassigned the incident to " + responderId,
                    Map.of("by", by, "responder", responderId));
            notifyPaged(TimelineKind.REASSIGNED, by + " reassigned incident " + incidentId + " to " + responderId,
                    by, responderId);
            page(responderId, round, step, PageReason.REASSIGNED);
            nextDueAt = now.plus(policy.step(step).delay());
        }

        // ---- escalation ----

        /** Moves to the next step (or the next round), or ends the policy. */
        private void advance() {
            Position next = following(round, step);
            if (next == null) {
                exhausted();
                return;
            }
            enterStep(next.round(), next.step(), PageReason.ESCALATION);
        }

        /** Pages the step at {@code (r, s)}, passing over steps with nobody on call. */
        private void enterStep(int r, int s, PageReason reason) {
            for (int visited = 1; ; visited++) {
                if (r > round) {
                    note(TimelineKind.REPEATED, "Starting the escalation policy again (pass " + (r + 1) + ")",
                            Map.of("round", Integer.toString(r)));
                }
                round = r;
                step = s;
                List<String> responders = responders(policy.step(s));
                if (!responders.isEmpty()) {
                    for (String responder : responders) {
                        page(responder, r, s, reason);
                    }
                    nextDueAt = now.plus(policy.step(s).delay());
                    return;
                }
                note(TimelineKind.STEP_SKIPPED, "Skipped " + label(r, s) + ": nobody is on call", position(r, s));
                Position next = following(r, s);
                boolean nobodyEverPaged = pages.isEmpty() && held.isEmpty();
                if (next == null && !nobodyEverPaged) {
                    exhausted();
                    return;
                }
                if (next == null || visited >= policy.steps().size()) {
                    nobodyOnCall(nobodyEverPaged);
                    return;
                }
                r = next.round();
                s = next.step();
            }
        }

        private void exhausted() {
            nextDueAt = null;
            note(TimelineKind.POLICY_EXHAUSTED, "The escalation policy ran out without an acknowledgement", Map.of());
        }

        /**
         * Nobody is on call at any step: look again at the next schedule handoff or after the shortest step delay,
         * whichever comes first; from the start if nobody was ever paged.
         */
        private void nobodyOnCall(boolean startOver) {
            Instant retry = now.plus(policy.steps().stream().map(EscalationStep::delay).min(Comparator.naturalOrder())
                    .orElseThrow());
            for (EscalationStep escalationStep : policy.steps()) {
                for (Target target : escalationStep.targets()) {
                    if (target instanceof Target.OnCallSchedule schedule) {
                        Optional<Instant> change = onCall.nextChangeAfter(schedule.scheduleId(), now);
                        if (change.isPresent() && change.get().isAfter(now)) {
                            retry = earliest(retry, change.get());
                        }
                    }
                }
            }
            nextDueAt = retry;
            if (startOver) {
                round = 0;
                step = -1;
            }
            note(TimelineKind.NOBODY_ON_CALL, "Nobody is on call at any step; looking again at " + nextDueAt,
                    fields("until", nextDueAt));
        }

        private Position following(int r, int s) {
            if (s + 1 < policy.steps().size()) {
                return new Position(r, s + 1);
            }
            return r < policy.repeat() ? new Position(r + 1, 0) : null;
        }

        private List<String> responders(EscalationStep escalationStep) {
            Set<String> responders = new LinkedHashSet<>();
            for (Target target : escalationStep.targets()) {
                if (target instanceof Target.Responder responder) {
                    responders.add(responder.responderId());
                } else if (target instanceof Target.OnCallSchedule schedule) {
                    responders.addAll(onCall.onCall(schedule.scheduleId(), now));
                }
            }
            return List.copyOf(responders);
        }

        // ---- pages and holds ----

        /** Pages {@code responder} now, unless a hold defers it. */
        private void page(String responder, int r, int s, PageReason reason) {
            Optional<Hold> hold = holdFor(HoldAdvisor.Subject.PAGE, responder);
            if (hold.isPresent() && !severity.isCritical()) {
                Instant until = earliest(hold.get().until(), now.plus(maxHold));
                List<HeldPage> more = new ArrayList<>(held);
                more.add(new HeldPage(responder, r, s, reason, now, until, hold.get().reason()));
                held = List.copyOf(more);
                note(TimelineKind.PAGE_HELD, "Holding the page to " + responder + " until " + until + ": "
                        + hold.get().reason(), holdFields(responder, r, s, until, hold.get().reason()));
                return;
            }
            refuseIfCritical(hold, responder);
            issue(responder, r, s, reason, now);
        }

        private void issue(String responder, int r, int s, PageReason reason, Instant dueAt) {
            actions.add(new EscalationAction.Page(incidentId, responder, r, s, reason, dueAt));
            pages.add(new PageRecord(responder, r, s, reason, dueAt, now));
            Map<String, String> fields = new LinkedHashMap<>(position(r, s));
            fields.put("responder", responder);
            fields.put("reason", reason.wireName());
            note(TimelineKind.PAGED, "Paged " + responder + " (" + label(r, s) + ", " + reason.wireName() + ")", fields);
        }

        /** Issues every held page whose hold ended or reached its bound; renews the others within their bound. */
        private void releaseHeldPages() {
            List<HeldPage> still = new ArrayList<>();
            for (HeldPage page : held) {
                Instant bound = page.dueAt().plus(maxHold);
                Optional<Hold> hold = now.isBefore(bound) ? holdFor(HoldAdvisor.Subject.PAGE, page.responderId())
                        : Optional.empty();
                if (hold.isEmpty() || severity.isCritical()) {
                    note(TimelineKind.HOLD_ENDED, "Hold on the page to " + page.responderId() + " ended"
                                    + (now.isBefore(bound) ? "" : " at its bound"),
                            Map.of("responder", page.responderId()));
                    issue(page.responderId(), page.round(), page.step(), page.reason(), page.dueAt());
                    continue;
                }
                Instant until = earliest(hold.get().until(), bound);
                if (!until.equals(page.heldUntil())) {
                    note(TimelineKind.PAGE_HELD, "Holding the page to " + page.responderId() + " until " + until + ": "
                            + hold.get().reason(), holdFields(page.responderId(), page.round(), page.step(), until,
                            hold.get().reason()));
                }
                still.add(new HeldPage(page.responderId(), page.round(), page.step(), page.reason(), page.dueAt(),
                        until, hold.get().reason()));
            }
            held = List.copyOf(still);
        }

        private void cancelHeldPages(String why) {
            for (HeldPage page : held) {
                note(TimelineKind.HOLD_CANCELLED, "Dropped the held page to " + page.responderId() + ": " + why,
                        Map.of("responder", page.responderId()));
            }
            held = List.of();
        }

        /** Whether escalating past the current step is held at {@code now}; records the hold's start, change or end. */
        private boolean escalationHeld() {
            Instant bound = nextDueAt.plus(maxHold);
            Optional<Hold> hold = Optional.empty();
            if (now.isBefore(bound)) {
                for (String responder : stepHolders()) {
                    Optional<Hold> asked = holdFor(HoldAdvisor.Subject.ESCALATION, responder);
                    if (asked.isPresent() && (hold.isEmpty() || asked.get().until().isAfter(hold.get().until()))) {
                        hold = asked;
                    }
                }
            }
            if (hold.isPresent() && severity.isCritical()) {
                refuseIfCritical(hold, "the escalation timer");
                hold = Optional.empty();
            }
            if (hold.isEmpty()) {
                if (timerHeldUntil != null) {
                    note(TimelineKind.HOLD_ENDED, "Hold on the escalation timer ended"
                            + (now.isBefore(bound) ? "" : " at its bound"), Map.of());
                }
                return false;
            }
            Instant until = earliest(hold.get().until(), bound);
            if (!until.equals(timerHeldUntil)) {
                note(TimelineKind.TIMER_HELD, "Holding the escalation until " + until + ": " + hold.get().reason(),
                        fields("until", until, "holdReason", hold.get().reason()));
            }
            timerHeldUntil = until;
            return true;
        }

        /** The advisor's hold, if holds are enabled and it reaches past now. */
        private Optional<Hold> holdFor(HoldAdvisor.Subject subject, String responder) {
            if (maxHold.isZero()) {
                return Optional.empty();
            }
            return advisor.advise(new HoldAdvisor.Question(incidentId, severity, subject, responder), now)
                    .filter(hold -> hold.until().isAfter(now));
        }

        private void refuseIfCritical(Optional<Hold> hold, String what) {
            if (hold.isPresent() && severity.isCritical()) {
                note(TimelineKind.HOLD_REFUSED, "Not holding " + what + " (" + hold.get().reason()
                        + "): critical incidents never wait", Map.of("holdReason", hold.get().reason()));
            }
        }

        /** The responders paged at the current step, or whose page for it is held: whom escalation would pass over. */
        private Set<String> stepHolders() {
            Set<String> holders = new LinkedHashSet<>();
            pages.stream().filter(p -> p.round() == round && p.step() == step).forEach(p -> holders.add(p.responderId()));
            held.stream().filter(p -> p.round() == round && p.step() == step).forEach(p -> holders.add(p.responderId()));
            return holders;
        }

        private void notifyPaged(TimelineKind about, String text, String... except) {
            Set<String> skip = new HashSet<>(List.of(except));
            pages.stream().map(PageRecord::responderId).distinct().filter(r -> !skip.contains(r))
                    .forEach(r -> actions.add(new EscalationAction.Notify(incidentId, r, about, text)));
        }

        // ---- timeline ----

        private void note(TimelineKind kind, String text, Map<String, String> fields) {
            timeline.add(new TimelineEntry(now, kind, text, fields));
        }

        private String label(int r, int s) {
            return "step " + (s + 1) + (policy.repeat() > 0 || r > 0 ? " of pass " + (r + 1) : "");
        }

        private Map<String, String> holdFields(String responder, int r, int s, Instant until, String reason) {
            Map<String, String> fields = new LinkedHashMap<>(position(r, s));
            fields.put("responder", responder);
            fields.put("until", until.toString());
            fields.put("holdReason", reason);
            return fields;
        }
    }

    private static Map<String, String> position(int round, int step) {
        return Map.of("round", Integer.toString(round), "step", Integer.toString(step));
    }

    private static Map<String, String> fields(String key, Object value) {
        return value == null ? Map.of() : Map.of(key, value.toString());
    }

    private static Map<String, String> fields(String k1, Object v1, String k2, Object v2) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (v1 != null) {
            fields.put(k1, v1.toString());
        }
        if (v2 != null) {
            fields.put(k2, v2.toString());
        }
        return fields;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
