package dev.limbic.paging;

import dev.limbic.alert.Severity;
import dev.limbic.care.CareAction;
import dev.limbic.care.CareAdvisor;
import dev.limbic.care.CareSettings;
import dev.limbic.care.CareNotifications;
import dev.limbic.care.CareOutcome;
import dev.limbic.care.HandOver;
import dev.limbic.care.IncidentNote;
import dev.limbic.care.PageReactionAnalyzer;
import dev.limbic.care.PendingReactions;
import dev.limbic.care.PartnerHandoff;
import dev.limbic.care.StressEpisodes;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.delivery.Notification;
import dev.limbic.escalation.EscalationAction;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HeldPage;
import dev.limbic.escalation.HoldAdvisor;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.PageRecord;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.notify.NotificationDispatcher;
import dev.limbic.notify.NotificationJson;
import dev.limbic.store.IncidentStore;
import dev.limbic.store.StressEpisodeStore;
import dev.limbic.store.TimelineEntry;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.SampleListener;
import dev.limbic.stress.StressListener;
import dev.limbic.stress.StressMonitor;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressThresholds;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The stress-aware rules in the running pager: feeds {@link StressEpisodes} (whose {@code CareAdvisor} the
 * {@link dev.limbic.escalation.EscalationEngine} asks for holds) and performs what they decide.
 *
 * <ul>
 *   <li>Fed: every stress transition of an opted-in responder ({@link StressMonitor} listener, handed over to this
 *       context), every page the engine issued and every resolve or reassignment (after their commit, from
 *       {@link EscalationRuntime}), each page's heart-rate reaction ({@link PendingReactions}: judged over the
 *       responder's in-memory history on every sample of theirs while a page waits, so the decisive sample itself
 *       opens the episode; given on time only once the window has passed with no reaction), and hand-overs;
 *       {@code tick} runs when the episodes ask for it.</li>
 *   <li>Performed: notes go on the incidents' timelines (they never carry heart rate); breathing and grounding
 *       prompts, partner calls and the words for the responder go through the {@link NotificationDispatcher} (the
 *       live channel renders the breathing exercise, text channels get its short text); incidents holding pages or a
 *       timer for a responder whose holds were lifted are evaluated at once.</li>
 * </ul>
 * All state lives on the escalation runtime's context (a sample is heard on its ingest thread and handed over); nothing
 * blocks. Care state (episodes, pending judgements) is kept in memory only: a restart starts it afresh, and pages go
 * out as the plain pager's until data comes in again.
 */
final class CareRuntime implements StressListener, SampleListener, EscalationRuntime.DecisionListener {
    private static final Logger LOG = LoggerFactory.getLogger(CareRuntime.class);
    static final long SWEEP_MILLIS = 200;
    private static final String ACTOR = "limbic";
    /** Why stored episodes left open are closed at start. */
    static final String RESTARTED = "Limbic restarted; the stress-aware rules start afresh";

    private final Vertx vertx;
    private final StressEpisodes episodes;
    private final PartnerHandoff handoff;
    private final PendingReactions pending;
    private final StressMonitor monitor;
    private final IncidentStore incidents;
    private final StressEpisodeStore stored;
    private final NotificationDispatcher dispatcher;
    private final CareMetrics metrics;
    private final Supplier<LimbicConfig> config;
    private final Clock clock;
    /** The escalation runtime's context and the runtime, set once at {@link #start}. */
    private volatile Context context;
    private volatile EscalationRuntime runtime;
    /**
     * The responders whose pages wait for their heart rate (the keys of {@link #pending}, which lives on this context),
     * read for every sample on the ingest threads.
     */
    private final Set<String> awaiting = ConcurrentHashMap.newKeySet();
    /** The opted-in responders of the config last read (looked up for every transition on the ingest threads). */
    private volatile OptedIn optedIn = new OptedIn(null, Set.of());
    /** Incidents that hold a page, or their escalation timer, for each responder. */
    private final Map<String, Set<Long>> holding = new HashMap<>();
    /** The responders each incident holds something for (the reverse of {@link #holding}). */
    private final Map<Long, Set<String>> heldFor = new HashMap<>();
    private long sweepTimer = -1;
    /** The last write to the episode store; the next one follows it. */
    private Future<?> episodeWrites = Future.succeededFuture();
    /** The last timeline line written; the next one follows it. */
    private Future<?> timelineWrites = Future.succeededFuture();
    private volatile boolean closed;

    /** Who of {@code config}'s responders opted in to heart-rate monitoring. */
    private record OptedIn(LimbicConfig config, Set<String> responders) {
    }

    CareRuntime(Vertx vertx, StressEpisodes episodes, PartnerHandoff handoff,
                PageReactionAnalyzer analyzer, StressMonitor monitor, IncidentStore incidents,
                StressEpisodeStore stored, NotificationDispatcher dispatcher, CareMetrics metrics, Supplier<LimbicConfig> config, Clock clock) {
        this.vertx = vertx;
        this.episodes = episodes;
        this.handoff = handoff;
        this.pending = new PendingReactions(analyzer);
        this.monitor = monitor;
        this.incidents = incidents;
        this.stored = stored;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts listening to stress transitions and judging pages, on {@code escalations}' context; incidents there are
     * woken when holds are lifted. Stored episodes left open by the last run are closed first: the rules' state did
     * not survive it.
     */
    Future<Void> start(EscalationRuntime escalations) {
        runtime = escalations;
        context = escalations.context();
        return stored.closeAllOpen(clock.instant(), RESTARTED).onSuccess(closed -> {
            if (closed > 0) {
                LOG.info("Closed {} stress episodes left open by the last run", closed);
            }
            onContext(() -> sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep()));
            monitor.addListener(this);
            monitor.addSampleListener(this);
        }).mapEmpty();
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

    /**
     * Runs the stress-aware rules once on scratch state (an episode with its prompts and a partner call, a hold, a
     * page judged), so their classes are loaded on the calling worker thread rather than on an event loop at the
     * first page.
     */
    static void warmUp(CareSettings settings, PageReactionAnalyzer analyzer, StressThresholds thresholds) {
        StressEpisodes scratch = new StressEpisodes(settings, new PartnerHandoff(settings, r -> Optional.of("b")));
        Instant at = Instant.EPOCH;
        List<CareOutcome> outcomes = new ArrayList<>();
        outcomes.add(scratch.onPaged("a", "1", at));
        outcomes.add(scratch.onStateChange("a", StressState.ACUTE, at));
        new CareAdvisor(scratch).advise(new HoldAdvisor.Question("1", Severity.ERROR, HoldAdvisor.Subject.PAGE, "a"),
                at);
        outcomes.add(scratch.tick(at.plus(settings.partnerAfterAcute())));
        PendingReactions reactions = new PendingReactions(analyzer);
        reactions.add("a", "1", 0, Double.NaN);
        StressDetector detector = new StressDetector(thresholds);
        reactions.onSample("a", detector.history());
        for (PendingReactions.Pending page : reactions.takeDue(analyzer.dueAtMillis(0))) {
            PendingReactions.Judged judged = reactions.judgeAtEnd(page, detector.history());
            outcomes.add(scratch.onPageJudged("a", "1", judged.reaction(), judged.trigger(), at));
        }
        outcomes.add(scratch.onStateChange("a", StressState.CALM, at.plus(settings.partnerAfterAcute())));
        for (CareOutcome outcome : outcomes) {
            outcome.actions().forEach(action -> CareNotifications.of(action, Severity.ERROR, () -> "warm-up", at)
                    .forEach(NotificationJson::toJson));
            outcome.notes().forEach(note -> new JsonObject(new HashMap<>(note.entry().fields())).encode());
        }
    }

    // ---- fed ----

    /** A stress transition, on whatever thread the strap's frame arrived: handed over to this context at once. */
    @Override
    public void onTransition(String responderId, StressTransition transition) {
        if (closed || !optedIn(responderId)) {
            return;
        }
        onContext(() -> {
            perform(episodes.onTransition(responderId, transition));
            if (transition.to().isStressed() && episodes.openEpisode(responderId).isPresent()) {
                keep("the peak of " + responderId + "'s stress episode",
                        () -> stored.raisePeak(responderId, transition.to()));
            }
        });
    }

    /**
     * A sample of any responder, on the thread that fed it: when a page of theirs waits for their heart rate, their
     * pages are judged on it at once, on this context.
     */
    @Override
    public void onSample(String responderId, long atMillis) {
        if (!closed && awaiting.contains(responderId)) {
            onContext(() -> judgeOnSample(responderId));
        }
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
            pending.forgetIncident(incident);
            awaiting.removeIf(responder -> !pending.awaits(responder));
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
        Double baseline = monitor.read(responder, d -> d.baselineLearned() ? d.baselineBpm() : Double.NaN);
        pending.add(responder, incidentId, at.toEpochMilli(), baseline == null ? Double.NaN : baseline);
        awaiting.add(responder);
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

    /**
     * What is due by time alone: the episodes' wake-up (grounding prompts, partner pages, gaps) and the final verdicts
     * on pages whose reaction window has passed (never an episode's opening: a reaction opens one on its sample).
     */
    private void sweep() {
        Instant now = clock.instant();
        OptionalLong due = pending.nextDueAtMillis();
        if (due.isPresent() && now.toEpochMilli() >= due.getAsLong()) {
            judgeDue(now);
        }
        Optional<Instant> wake = episodes.wakeAt();
        if (wake.isPresent() && !now.isBefore(wake.get())) {
            perform(episodes.tick(now));
        }
    }

    /** Judges {@code responder}'s pending pages on the sample just taken into their history. */
    private void judgeOnSample(String responder) {
        List<PendingReactions.Judged> judged = monitor.read(responder, d -> pending.onSample(responder, d.history()));
        if (!pending.awaits(responder)) {
            awaiting.remove(responder);
        }
        if (judged != null) {
            judged.forEach(this::judged);
        }
    }

    /** Gives the final verdict on each page whose window has passed at {@code now} with no reaction seen. */
    private void judgeDue(Instant now) {
        for (PendingReactions.Pending page : pending.takeDue(now.toEpochMilli())) {
            PendingReactions.Judged judged = monitor.read(page.responder(), d -> pending.judgeAtEnd(page, d.history()));
            judged(judged == null ? pending.judgeAtEnd(page, null) : judged);
        }
        awaiting.removeIf(responder -> !pending.awaits(responder));
    }

    private void judged(PendingReactions.Judged judged) {
        metrics.pageJudged(judged.responder(), judged.reaction().verdict());
        perform(episodes.onPageJudged(judged.responder(), judged.incidentId(), judged.reaction(), judged.trigger(),
                clock.instant()));
    }

    // ---- performed ----

    private void perform(CareOutcome outcome) {
        if (outcome.isEmpty()) {
            return;
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
        for (IncidentNote note : outcome.notes()) {
            Optional<Long> id = incidentNumber(note.incidentId());
            if (id.isEmpty()) {
                continue;
            }
            TimelineEntry entry = new TimelineEntry(note.entry().at(), note.entry().kind().wireName(), ACTOR,
                    note.entry().text(), FlatJson.of(note.entry().fields()));
            long incidentId = id.get();
            // One after the other: lines with the same time keep the order the rules gave them.
            timelineWrites = timelineWrites.transform(previous -> incidents.appendTimeline(incidentId, entry))
                    .onFailure(failure -> LOG.warn("could not write '{}' on incident {}'s timeline: {}", entry.text(),
                            incidentId, failure.toString()));
            store(note);
            if (note.entry().kind() == TimelineKind.STRESS_EPISODE_OPENED) {
                metrics.episodeOpened(note.entry().fields().get("cause"), note.entry().fields().get("trigger"));
            }
        }
        for (String responder : outcome.holdsLifted()) {
            for (Long incidentId : List.copyOf(holding.getOrDefault(responder, Set.of()))) {
                runtime.wake(incidentId);
            }
        }
    }

    /** Keeps an episode that opened or closed (derived facts only: never heart rate). */
    private void store(IncidentNote note) {
        TimelineKind kind = note.entry().kind();
        String responder = note.entry().fields().get("responder");
        String key = note.entry().fields().get("episode");
        if (kind == TimelineKind.STRESS_EPISODE_OPENED && responder != null) {
            episodes.openEpisode(responder).filter(e -> e.id().equals(key)).ifPresent(episode -> {
                StressState state = episodes.state(responder);
                keep("stress episode " + key, () -> stored.open(episode, state, note.entry().text()));
            });
        } else if (kind == TimelineKind.STRESS_EPISODE_CLOSED && key != null) {
            keep("the end of stress episode " + key, () -> stored.close(key, note.entry().at(), note.entry().text()));
        }
    }

    /** Writes to the episode store one after another, in the order the rules decided them. */
    private void keep(String what, Supplier<Future<?>> write) {
        episodeWrites = episodeWrites.transform(previous -> write.get()).onFailure(failure ->
                LOG.warn("could not store {}: {}", what, failure.toString()));
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
        LimbicConfig current = config.get();
        OptedIn known = optedIn;
        if (known.config() != current) {
            known = new OptedIn(current, current.responders().stream().filter(ResponderConfig::heartRateMonitoring)
                    .map(ResponderConfig::id).collect(Collectors.toUnmodifiableSet()));
            optedIn = known;
        }
        return known.responders().contains(responder);
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
