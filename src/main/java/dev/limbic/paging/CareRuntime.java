package dev.limbic.paging;

import dev.limbic.alert.Severity;
import dev.limbic.care.CareAction;
import dev.limbic.care.CareNotifications;
import dev.limbic.care.CareOutcome;
import dev.limbic.care.HandOver;
import dev.limbic.care.IncidentNote;
import dev.limbic.care.PageReaction;
import dev.limbic.care.PageReactionAnalyzer;
import dev.limbic.care.PageReactionVerdict;
import dev.limbic.care.PartnerHandoff;
import dev.limbic.care.StressEpisodes;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.delivery.Notification;
import dev.limbic.escalation.EscalationAction;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HeldPage;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.PageRecord;
import dev.limbic.notify.NotificationDispatcher;
import dev.limbic.store.IncidentStore;
import dev.limbic.store.TimelineEntry;
import dev.limbic.stress.StressListener;
import dev.limbic.stress.StressMonitor;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The stress-aware rules in the running pager: feeds {@link StressEpisodes} (whose {@code CareAdvisor} the
 * {@link dev.limbic.escalation.EscalationEngine} asks for holds) and performs what they decide.
 *
 * <ul>
 *   <li>Fed: every stress transition of an opted-in responder ({@link StressMonitor} listener, handed over to this
 *       context), every page the engine issued and every resolve or reassignment (after their commit, from
 *       {@link EscalationRuntime}), each page's heart-rate reaction (judged by {@link PageReactionAnalyzer} over the
 *       responder's in-memory history as soon as a reaction has held, or once its window has passed), and
 *       hand-overs; {@code tick} runs when the episodes ask for it.</li>
 *   <li>Performed: notes go on the incidents' timelines (they never carry heart rate); breathing and grounding
 *       prompts, partner calls and the words for the responder go through the {@link NotificationDispatcher} (the
 *       live channel renders the breathing exercise, text channels get its short text); incidents holding pages or a
 *       timer for a responder whose holds were lifted are evaluated at once.</li>
 * </ul>
 * All state lives on the escalation runtime's context; nothing blocks. Care state (episodes, pending judgements) is
 * kept in memory only: a restart starts it afresh, and pages go out as the plain pager's until data comes in again.
 */
final class CareRuntime implements StressListener, EscalationRuntime.DecisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CareRuntime.class);
    static final long SWEEP_MILLIS = 200;
    private static final String ACTOR = "limbic";

    private final Vertx vertx;
    private final StressEpisodes episodes;
    private final PartnerHandoff handoff;
    private final PageReactionAnalyzer analyzer;
    private final StressMonitor monitor;
    private final IncidentStore incidents;
    private final NotificationDispatcher dispatcher;
    private final CareMetrics metrics;
    private final Supplier<LimbicConfig> config;
    private final Clock clock;
    /** The escalation runtime's context and the runtime, set once at {@link #start}. */
    private volatile Context context;
    private volatile EscalationRuntime runtime;
    private final List<Judgement> judgements = new ArrayList<>();
    /** Incidents that hold a page, or their escalation timer, for each responder. */
    private final Map<String, Set<Long>> holding = new HashMap<>();
    /** The responders each incident holds something for (the reverse of {@link #holding}). */
    private final Map<Long, Set<String>> heldFor = new HashMap<>();
    private long sweepTimer = -1;
    private volatile boolean closed;

    /** A page whose heart-rate reaction is still to be judged. */
    private static final class Judgement {
        final String responder;
        final String incidentId;
        final long pageAtMillis;
        final double baselineBpm;
        final long dueAtMillis;
        long judgedThroughMillis = Long.MIN_VALUE;

        Judgement(String responder, String incidentId, long pageAtMillis, double baselineBpm, long dueAtMillis) {
            this.responder = responder;
            this.incidentId = incidentId;
            this.pageAtMillis = pageAtMillis;
            this.baselineBpm = baselineBpm;
            this.dueAtMillis = dueAtMillis;
        }
    }

    CareRuntime(Vertx vertx, StressEpisodes episodes, PartnerHandoff handoff,
                PageReactionAnalyzer analyzer, StressMonitor monitor, IncidentStore incidents,
                NotificationDispatcher dispatcher, CareMetrics metrics, Supplier<LimbicConfig> config, Clock clock) {
        this.vertx = vertx;
        this.episodes = episodes;
        this.handoff = handoff;
        this.analyzer = analyzer;
        this.monitor = monitor;
        this.incidents = incidents;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts listening to stress transitions and judging pages, on {@code escalations}' context; incidents there are
     * woken when holds are lifted.
     */
    void start(EscalationRuntime escalations) {
        runtime = escalations;
        context = escalations.context();
        onContext(() -> sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep()));
        monitor.addListener(this);
    }

    void close() {
        closed = true;
        onContext(() -> {
            if (sweepTimer >= 0) {
                vertx.cancelTimer(sweepTimer);
                sweepTimer = -1;
            }
        });
    }

    /** The episodes (tests and the status page read the state of responders). */
    StressEpisodes episodes() {
        return episodes;
    }

    // ---- fed ----

    /** A stress transition, on whatever thread the strap's frame arrived: handed over to this context at once. */
    @Override
    public void onTransition(String responderId, StressTransition transition) {
        if (closed || !optedIn(responderId)) {
            return;
        }
        onContext(() -> perform(episodes.onTransition(responderId, transition)));
    }

    /**
     * What one committed decision of the engine did to {@code incidentId}: pages issued (and how long held ones
     * waited), pages newly held, holds, a resolve or a reassignment. Called on this context after the commit.
     */
    @Override
    public void decided(long incidentId, EscalationProgress before, EscalationProgress after,
                 List<EscalationAction> actions, Optional<EscalationCommand> command, Instant now) {
        String incident = String.valueOf(incidentId);
        Set<String> alreadyHeld = new HashSet<>();
        before.heldPages().forEach(page -> alreadyHeld.add(key(page)));
        for (HeldPage page : after.heldPages()) {
            if (!alreadyHeld.contains(key(page))) {
                metrics.pageHeld(page.responderId(), holdReason(page.responderId()));
            }
        }
        trackHolds(incidentId, after);
        if (after.status() == IncidentStatus.RESOLVED && before.status() != IncidentStatus.RESOLVED) {
            episodes.onIncidentResolved(incident);
            judgements.removeIf(j -> j.incidentId.equals(incident));
        }
        if (command.orElse(null) instanceof EscalationCommand.Reassign reassign
                && !reassign.by().equals(reassign.responderId())) {
            episodes.onHandedOver(new HandOver(reassign.by(), incident, reassign.responderId()));
        }
        for (EscalationAction action : actions) {
            if (action instanceof EscalationAction.Page page) {
                if (page.dueAt().isBefore(now)) {
                    metrics.heldPageIssued(Duration.between(page.dueAt(), now));
                }
                paged(page.responderId(), incident, now);
            }
        }
    }

    private void paged(String responder, String incidentId, Instant at) {
        perform(episodes.onPaged(responder, incidentId, at));
        if (!optedIn(responder)) {
            return;
        }
        judgements.removeIf(j -> j.responder.equals(responder) && j.incidentId.equals(incidentId));
        Double baseline = monitor.read(responder, d -> d.baselineLearned() ? d.baselineBpm() : Double.NaN);
        long pageAt = at.toEpochMilli();
        judgements.add(new Judgement(responder, incidentId, pageAt, baseline == null ? Double.NaN : baseline,
                analyzer.dueAtMillis(pageAt)));
    }

    /**
     * The hand-over {@code by} asks for on {@code incidentId}: to {@code to}, or to their partner; empty when there is
     * nobody (configured) to hand over to.
     */
    Optional<HandOver> handOverOf(long incidentId, String by, Optional<String> to) {
        LimbicConfig current = config.get();
        Optional<String> target = to.or(() -> current.responder(by).flatMap(ResponderConfig::partner));
        return target.filter(t -> current.responder(t).isPresent())
                .flatMap(t -> handoff.handOver(by, String.valueOf(incidentId), Optional.of(t)));
    }

    /**
     * Performs a hand-over with one action: the incident is reassigned (the new holder is paged), both are told in
     * supportive words, and the timeline says who handed it to whom.
     */
    Future<EscalationRuntime.CommandResult> handOver(long incidentId, HandOver handOver) {
        return runtime.command(incidentId, handOver.command()).onSuccess(result -> {
            if (result.kind() != EscalationRuntime.CommandResult.Kind.APPLIED) {
                return;
            }
            onContext(() -> {
                Instant now = clock.instant();
                metrics.handoff(handOver.by(), CareMetrics.HandoffReason.HAND_OVER);
                perform(new CareOutcome(List.of(), List.of(handOver.note(now)), Set.of()));
                String incident = handOver.incidentId();
                dispatcher.dispatch(Notification.info(notificationId(), handOver.by(), incident,
                        "Handed over to " + handOver.to(), handOver.textForPreviousHolder(), now));
                dispatcher.dispatch(Notification.info(notificationId(), handOver.to(), incident,
                        handOver.by() + " handed you " + incident, handOver.textForNewHolder(), now));
            });
        });
    }

    // ---- time ----

    private void sweep() {
        Instant now = clock.instant();
        judge(now);
        Optional<Instant> wake = episodes.wakeAt();
        if (wake.isPresent() && !now.isBefore(wake.get())) {
            perform(episodes.tick(now));
        }
    }

    /** Judges the pending pages whose reaction has held, or whose window has passed; each once. */
    private void judge(Instant now) {
        long nowMillis = now.toEpochMilli();
        for (Iterator<Judgement> it = judgements.iterator(); it.hasNext(); ) {
            Judgement judgement = it.next();
            boolean due = nowMillis >= judgement.dueAtMillis;
            Long newest = monitor.read(judgement.responder, d -> d.history().newestMillis());
            if (!due && (newest == null || newest == judgement.judgedThroughMillis)) {
                continue;
            }
            judgement.judgedThroughMillis = newest == null ? Long.MIN_VALUE : newest;
            PageReaction reaction = monitor.read(judgement.responder,
                    d -> analyzer.analyze(d.history(), judgement.pageAtMillis, judgement.baselineBpm));
            if (reaction == null) {
                reaction = new PageReaction(judgement.pageAtMillis, PageReactionVerdict.NO_DATA, Double.NaN,
                        Double.NaN, judgement.baselineBpm, Double.NaN, Long.MIN_VALUE, "no heart-rate data");
            }
            boolean reacted = reaction.verdict() == PageReactionVerdict.REACTION
                    || reaction.verdict() == PageReactionVerdict.INDETERMINATE && reaction.hasReactionTime();
            if (!reacted && !due) {
                continue;
            }
            it.remove();
            metrics.pageJudged(judgement.responder, reaction.verdict());
            perform(episodes.onPageJudged(judgement.responder, judgement.incidentId, reaction, now));
        }
    }

    // ---- performed ----

    private void perform(CareOutcome outcome) {
        if (outcome.isEmpty()) {
            return;
        }
        for (IncidentNote note : outcome.notes()) {
            Optional<Long> id = incidentNumber(note.incidentId());
            if (id.isEmpty()) {
                continue;
            }
            TimelineEntry entry = new TimelineEntry(note.entry().at(), note.entry().kind().wireName(), ACTOR,
                    note.entry().text(), new JsonObject(new HashMap<>(note.entry().fields())).encode());
            incidents.appendTimeline(id.get(), entry).onFailure(failure -> LOG.warn(
                    "could not write '{}' on incident {}'s timeline: {}", entry.text(), id.get(), failure.toString()));
        }
        Instant now = clock.instant();
        for (CareAction action : outcome.actions()) {
            if (action instanceof CareAction.SendBreathingPrompt prompt) {
                metrics.breathingPrompt(prompt.responder());
            } else if (action instanceof CareAction.PagePartner partner) {
                metrics.handoff(partner.responder(), partner.reason().contains("open incidents")
                        ? CareMetrics.HandoffReason.OPEN_INCIDENTS : CareMetrics.HandoffReason.ACUTE);
            }
            severityOf(action).onComplete(severity -> CareNotifications.of(action,
                            severity.succeeded() ? severity.result() : Severity.ERROR, CareRuntime::notificationId, now)
                    .forEach(dispatcher::dispatch));
        }
        for (String responder : outcome.holdsLifted()) {
            for (Long incidentId : List.copyOf(holding.getOrDefault(responder, Set.of()))) {
                runtime.wake(incidentId);
            }
        }
    }

    /** The incident's severity for a partner's call (as urgent as the incident); prompts need none. */
    private Future<Severity> severityOf(CareAction action) {
        if (!(action instanceof CareAction.PagePartner)) {
            return Future.succeededFuture(Severity.INFO);
        }
        return incidentNumber(action.incidentId()).map(id -> incidents.find(id)
                        .map(found -> found.map(incident -> incident.severity()).orElse(Severity.ERROR)))
                .orElse(Future.succeededFuture(Severity.ERROR));
    }

    private void trackHolds(long incidentId, EscalationProgress after) {
        Set<String> now = new LinkedHashSet<>();
        after.heldPages().forEach(page -> now.add(page.responderId()));
        if (after.timerHeldUntil() != null) {
            after.pages().stream().filter(p -> p.round() == after.round() && p.step() == after.step())
                    .map(PageRecord::responderId).forEach(now::add);
        }
        Set<String> was = heldFor.getOrDefault(incidentId, Set.of());
        for (String responder : was) {
            if (!now.contains(responder)) {
                Set<Long> ids = holding.get(responder);
                if (ids != null && ids.remove(incidentId) && ids.isEmpty()) {
                    holding.remove(responder);
                }
            }
        }
        for (String responder : now) {
            holding.computeIfAbsent(responder, r -> new HashSet<>()).add(incidentId);
        }
        if (now.isEmpty()) {
            heldFor.remove(incidentId);
        } else {
            heldFor.put(incidentId, now);
        }
    }

    private CareMetrics.HoldReason holdReason(String responder) {
        StressState state = episodes.state(responder);
        return state == StressState.ACUTE ? CareMetrics.HoldReason.ACUTE
                : state == StressState.ELEVATED ? CareMetrics.HoldReason.ELEVATED : CareMetrics.HoldReason.BREATHING;
    }

    private boolean optedIn(String responder) {
        return config.get().responder(responder).map(ResponderConfig::heartRateMonitoring).orElse(false);
    }

    private static String key(HeldPage page) {
        return page.responderId() + "|" + page.round() + "|" + page.step() + "|" + page.dueAt();
    }

    private static Optional<Long> incidentNumber(String incidentId) {
        try {
            return Optional.of(Long.parseLong(incidentId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String notificationId() {
        return "c-" + UUID.randomUUID();
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
