package dev.limbic.paging;

import dev.limbic.care.FatigueReroute;
import dev.limbic.config.LimbicConfig;
import dev.limbic.delivery.Notification;
import dev.limbic.escalation.EscalationAction;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationEngine;
import dev.limbic.escalation.EscalationOutcome;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.notify.NotificationDispatcher;
import dev.limbic.store.EscalationLedger;
import dev.limbic.store.EscalationStatus;
import dev.limbic.store.Incident;
import dev.limbic.store.IncidentStore;
import dev.limbic.store.NotificationRecord;
import dev.limbic.store.NotificationStatus;
import dev.limbic.store.NotificationStore;
import dev.limbic.web.JsonText;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Drives every open incident's escalation: loads its stored progress, runs the pure {@link EscalationEngine}, saves
 * the outcome (progress, incident status, timeline, one queued notification record per page) in one transaction,
 * and only then hands the pages to the {@link NotificationDispatcher}. A crash between the commit and the hand-over
 * leaves the records queued; {@link #start()} sends them again, so a step's page goes out at most twice.
 *
 * <p>Time: one scheduler over a due-time priority queue, swept against the injected clock every
 * {@value #SWEEP_MILLIS} ms, so a test clock moved forward is noticed without waiting for real timers. Work on one
 * incident is serialized (a command waits for an evaluation in progress); a save that lost a race with the intake
 * (the progress version changed) is decided again on the fresh state. All state lives on one Vert.x context; no
 * call blocks.
 *
 * <p>State that the intake changed (an alert source acknowledged or resolved the incident) is reconciled first:
 * the engine is given the matching command, so it stops paging and tells whoever it paged.
 *
 * <p>The database can fail a decision's save after committing it (the connection is lost before the answer), or
 * never answer. A decision whose save did not confirm it stays in doubt; before anything else is decided for that
 * incident the ledger is asked whether it was committed, and if it was, its pages are handed over then. A decision
 * still unanswered after the answer timeout stops holding its incident: it is evaluated again 5 s later (the
 * version check keeps the two from both saving), and if the first one's answer comes after all, it still completes.
 */
public final class EscalationRuntime {
    static final long SWEEP_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(EscalationRuntime.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration OPEN_COUNT_REFRESH = Duration.ofSeconds(10);
    private static final long OPEN_BY_RESPONDER_DELAY_MILLIS = 1000;
    private static final String ENGINE = "limbic";

    private final Vertx vertx;
    private final Context context;
    private final EscalationLedger ledger;
    private final IncidentStore incidents;
    private final NotificationStore notifications;
    private final Supplier<LimbicConfig> config;
    private final EscalationEngine engine;
    private final NotificationDispatcher dispatcher;
    private final PagingMetrics metrics;
    private final DecisionListener decisions;
    private final LoadTracking load;
    private final Clock clock;
    private final Duration answerTimeout;
    private final Map<Long, Future<?>> tails = new HashMap<>();
    private final Map<Long, List<InDoubt>> inDoubt = new HashMap<>();
    private final Map<Long, Instant> wakeAt = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    private final OpenIncidentHolders holders = new OpenIncidentHolders();
    private final List<Long> timers = new ArrayList<>();
    private boolean openByResponderRefreshDue;
    private boolean closed;

    /** A command's result, as the API and the live channel report it. */
    public record CommandResult(Kind kind, String detail) {
        /** How a command ended. */
        public enum Kind { APPLIED, NOT_FOUND, REFUSED }

        static CommandResult applied() {
            return new CommandResult(Kind.APPLIED, "");
        }
    }

    /** Hears every decision once it is committed, on the runtime's context (the stress-aware rules follow pages). */
    interface DecisionListener {
        /**
         * Incident {@code incidentId} went from {@code before} to {@code after} at {@code now}, performing
         * {@code actions}; {@code command} is the one a person gave, if any.
         */
        void decided(long incidentId, EscalationProgress before, EscalationProgress after,
                     List<EscalationAction> actions, Optional<EscalationCommand> command, Instant now);
    }

    private record Due(Instant at, long incidentId) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(incidentId, other.incidentId);
        }
    }

    EscalationRuntime(Vertx vertx, Context context, EscalationLedger ledger, IncidentStore incidents,
                      NotificationStore notifications, Supplier<LimbicConfig> config, EscalationEngine engine,
                      NotificationDispatcher dispatcher, PagingMetrics metrics, DecisionListener decisions,
                      LoadTracking load, Clock clock, Duration answerTimeout) {
        this.vertx = vertx;
        this.context = context;
        this.ledger = ledger;
        this.incidents = incidents;
        this.notifications = notifications;
        this.config = config;
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.load = load;
        this.metrics = metrics;
        this.decisions = decisions;
        this.clock = clock;
        this.answerTimeout = answerTimeout;
    }

    /**
     * Resumes after a (re)start: sends again every page recorded but not delivered, evaluates every unfinished
     * escalation (arming its timer), and starts the scheduler.
     */
    public Future<Void> start() {
        Promise<Void> started = Promise.promise();
        onContext(() -> {
            timers.add(vertx.setPeriodic(SWEEP_MILLIS, id -> sweep()));
            timers.add(vertx.setPeriodic(OPEN_COUNT_REFRESH.toMillis(), id -> refreshOpenCount()));
            notifications.loadQueued()
                    .compose(queued -> Future.all(queued.stream().map(this::resend).toList()))
                    .compose(resent -> ledger.unfinished())
                    .compose(ids -> {
                        LOG.info("Resuming {} unfinished escalations", ids.size());
                        ids.forEach(this::wake);
                        return ledger.openCount();
                    })
                    .onSuccess(metrics::openIncidents)
                    .onSuccess(count -> refreshOpenByResponder())
                    .<Void>mapEmpty()
                    .onComplete(started);
        });
        return started.future();
    }

    /** Stops the scheduler (stored progress stays; the next start resumes it). */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        onContext(() -> {
            closed = true;
            timers.forEach(vertx::cancelTimer);
            done.complete();
        });
        return done.future();
    }

    /** The context all of the runtime's state lives on. */
    Context context() {
        return context;
    }

    /** Evaluates incident {@code incidentId} now (a new incident, or one the intake changed). */
    public void wake(long incidentId) {
        evaluate(incidentId, () -> decide(incidentId, Optional.empty(), 1));
    }

    /**
     * Evaluates an incident the intake has just opened, from what the intake committed instead of loading it again
     * ({@link EscalationLedger#opened}); if the incident changed since (its progress version moved), the decision is
     * made again on a fresh load.
     *
     * @param incident the incident as committed ({@link dev.limbic.store.IntakeOutcome#opened()})
     */
    public void wakeOpened(Incident incident) {
        Optional<EscalationLedger.Entry> entry = EscalationLedger.opened(incident);
        evaluate(incident.id(), () -> inDoubt.containsKey(incident.id())
                ? decide(incident.id(), Optional.empty(), 1)
                : decideOn(incident.id(), entry, Optional.empty(), 1));
    }

    private void evaluate(long incidentId, Supplier<Future<CommandResult>> decision) {
        serialize(incidentId, decision).onFailure(failure -> {
            LOG.warn("Could not evaluate incident {}: {}; trying again in {} s", incidentId, failure.toString(),
                    RETRY_AFTER_FAILURE.toSeconds());
            arm(incidentId, Optional.of(clock.instant().plus(RETRY_AFTER_FAILURE)));
        });
    }

    /** Applies {@code command} to incident {@code incidentId}, after whatever was due. */
    public Future<CommandResult> command(long incidentId, EscalationCommand command) {
        return serialize(incidentId, () -> decide(incidentId, Optional.of(command), 1));
    }

    /** When incident {@code incidentId} is evaluated next, if it is scheduled (for tests and the status page). */
    public Future<Optional<Instant>> scheduledAt(long incidentId) {
        Promise<Optional<Instant>> at = Promise.promise();
        onContext(() -> at.complete(Optional.ofNullable(wakeAt.get(incidentId))));
        return at.future();
    }

    private <T> Future<T> serialize(long incidentId, Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        onContext(() -> {
            if (closed) {
                result.fail(new IllegalStateException("the escalation runtime is stopped"));
                return;
            }
            Future<?> tail = tails.getOrDefault(incidentId, Future.succeededFuture());
            Future<T> next = tail.transform(previous -> bounded(incidentId, work.get()));
            tails.put(incidentId, next);
            metrics.escalationBacklog(tails.size());
            next.onComplete(done -> {
                if (tails.get(incidentId) == next) {
                    tails.remove(incidentId);
                    metrics.escalationBacklog(tails.size());
                }
                result.handle(done);
            });
        });
        return result.future();
    }

    /** {@code work}, failed if it has not completed within the answer timeout (it still runs to its end). */
    private <T> Future<T> bounded(long incidentId, Future<T> work) {
        if (work.isComplete()) {
            return work;
        }
        Promise<T> bounded = Promise.promise();
        long timer = vertx.setTimer(answerTimeout.toMillis(), id -> bounded.tryFail(new TimeoutException(
                "the database has not answered for incident " + incidentId + " in " + answerTimeout.toMillis()
                        + " ms")));
        work.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                bounded.tryComplete(done.result());
            } else {
                bounded.tryFail(done.cause());
            }
        });
        return bounded.future();
    }

    private Future<CommandResult> decide(long incidentId, Optional<EscalationCommand> command, int attempt) {
        return settleInDoubt(incidentId).compose(settled -> ledger.load(incidentId))
                .compose(found -> decideOn(incidentId, found, command, attempt));
    }

    /**
     * Asks the ledger about each decision on {@code incidentId} whose save did not confirm it, oldest first; one that
     * was committed after all gets its pages handed over now.
     */
    private Future<Void> settleInDoubt(long incidentId) {
        List<InDoubt> doubts = inDoubt.get(incidentId);
        if (doubts == null) {
            return Future.succeededFuture();
        }
        InDoubt first = doubts.get(0);
        return ledger.committed(first.decision).compose(committed -> {
            forget(first);
            committed.ifPresent(records -> {
                LOG.warn("A decision on incident {} was committed though its save failed or was not answered;"
                        + " handing over its {} notifications now", incidentId, records.size());
                first.settle(records, false);
            });
            return settleInDoubt(incidentId);
        });
    }

    private void doubt(InDoubt decision) {
        List<InDoubt> doubts = inDoubt.computeIfAbsent(decision.decision.incidentId(), id -> new ArrayList<>());
        if (!doubts.contains(decision)) {
            doubts.add(decision);
        }
    }

    private void forget(InDoubt decision) {
        List<InDoubt> doubts = inDoubt.get(decision.decision.incidentId());
        if (doubts != null && doubts.remove(decision) && doubts.isEmpty()) {
            inDoubt.remove(decision.decision.incidentId());
        }
    }

    /** Decides on {@code found}, what the ledger holds for the incident (loaded, or known from the intake). */
    private Future<CommandResult> decideOn(long incidentId, Optional<EscalationLedger.Entry> found,
                                           Optional<EscalationCommand> command, int attempt) {
        if (found.isEmpty()) {
            heldBy(incidentId, Set.of());
            disarm(incidentId);
            return Future.succeededFuture(new CommandResult(CommandResult.Kind.NOT_FOUND,
                    "no incident " + incidentId + " with an escalation"));
        }
        EscalationLedger.Entry entry = found.get();
        Incident incident = entry.incident();
        String policyId = entry.progress().policyId();
        if (entry.engineState().isEmpty() && entry.progress().status() == EscalationStatus.DONE) {
            heldBy(incidentId, Set.of());
            disarm(incidentId);
            return Future.succeededFuture(new CommandResult(CommandResult.Kind.REFUSED,
                    "incident " + incidentId + " is resolved"));
        }
        LimbicConfig current = config.get();
        Optional<EscalationPolicy> policy = current.escalationPolicy(policyId);
        if (policy.isEmpty()) {
            LOG.warn("Incident {} follows escalation policy '{}', which is no longer configured", incidentId,
                    policyId);
            disarm(incidentId);
            return Future.succeededFuture(new CommandResult(CommandResult.Kind.REFUSED,
                    "escalation policy '" + policyId + "' is not configured"));
        }
        EscalationProgress before = entry.engineState().map(EngineStateJson::decode)
                .orElseGet(() -> EscalationProgress.open(String.valueOf(incidentId), policyId,
                        incident.severity(), incident.openedAt()));
        Instant now = clock.instant();
        FatigueReroute onCall = load.resolver(current.onCallResolver(), incident.severity());
        Steps steps = new Steps(before);
        reconcile(entry, before).ifPresent(external ->
                steps.add(onCall.withNotes(engine.apply(external, steps.progress, policy.get(), onCall, now)),
                        external.by()));
        if (command.isPresent()) {
            EscalationOutcome outcome = engine.apply(command.get(), steps.progress, policy.get(), onCall, now);
            if (outcome.refusal().isPresent()) {
                return Future.succeededFuture(new CommandResult(CommandResult.Kind.REFUSED,
                        outcome.refusal().get()));
            }
            steps.add(onCall.withNotes(outcome), command.get().by());
        } else {
            steps.add(onCall.withNotes(engine.evaluate(steps.progress, policy.get(), onCall, now)), ENGINE);
        }
        EscalationProgress after = steps.progress;
        if (steps.actions.isEmpty() && steps.timeline.isEmpty() && after.equals(before)
                && entry.engineState().isPresent()) {
            heldBy(incidentId, after.holders());
            arm(incidentId, after.wakeAt());
            return Future.succeededFuture(CommandResult.applied());
        }
        List<EscalationLedger.PageToSend> pages = new ArrayList<>();
        int pageIndex = before.pages().size();
        for (EscalationAction action : steps.actions) {
            if (action instanceof EscalationAction.Page page) {
                pages.add(new EscalationLedger.PageToSend(page.responderId(), page.step(), page.round(),
                        pageIndex++, firstChannel(current, page.responderId())));
            }
        }
        List<EscalationLedger.NoticeToSend> notices = notices(incident, after, steps.actions, current);
        EscalationLedger.Decision decision = new EscalationLedger.Decision(incidentId,
                entry.progress().version(), summary(incidentId, policyId, after, entry.progress().version()),
                EngineStateJson.encode(after), incidentStatus(after.status()), steps.lastActor,
                steps.timeline, pages, now, notices);
        InDoubt sent = new InDoubt(decision, incident, before, after, steps, command);
        doubt(sent);
        return ledger.save(decision).transform(result -> {
            if (result.failed()) {
                doubt(sent);
                // Whoever asked may not try again (a command answers its caller): ask about this one soon anyway.
                wakeNoLaterThan(incidentId, clock.instant().plus(RETRY_AFTER_FAILURE));
                return Future.failedFuture(result.cause());
            }
            if (result.result().isEmpty()) {
                // Either the incident changed since it was loaded, or this very decision was committed by an
                // attempt whose answer was lost: the next decision first asks which.
                doubt(sent);
                if (attempt >= MAX_ATTEMPTS) {
                    return Future.failedFuture(new IllegalStateException("incident " + incidentId
                            + " changed " + attempt + " times while being decided"));
                }
                return decide(incidentId, command, attempt + 1);
            }
            forget(sent);
            sent.settle(result.result().get(), true);
            return Future.succeededFuture(CommandResult.applied());
        });
    }

    /** The command that brings the engine's state in line with what the intake stored, if they differ. */
    private static Optional<EscalationCommand> reconcile(EscalationLedger.Entry entry, EscalationProgress state) {
        Incident incident = entry.incident();
        EscalationStatus stored = entry.progress().status();
        if (stored == EscalationStatus.DONE && state.status() != IncidentStatus.RESOLVED) {
            return Optional.of(new EscalationCommand.Resolve(incident.resolvedBy().orElse(incident.integration())));
        }
        if (stored == EscalationStatus.ACKNOWLEDGED && state.status() == IncidentStatus.TRIGGERED) {
            return Optional.of(new EscalationCommand.Acknowledge(
                    incident.acknowledgedBy().orElse(incident.integration())));
        }
        return Optional.empty();
    }

    /**
     * What follows a committed decision: metrics, load, pages handed over, listeners told and, if {@code arm}, the
     * incident's next evaluation scheduled (a decision settled late leaves that to the decision about to follow).
     */
    private void afterCommit(Incident incident, EscalationProgress before, EscalationProgress after, Steps steps,
                             Optional<EscalationCommand> command, List<NotificationRecord> records, Instant now,
                             boolean arm) {
        boolean wasQuiet = before.status() == IncidentStatus.ACKNOWLEDGED || before.status() == IncidentStatus.SNOOZED;
        boolean isQuiet = after.status() == IncidentStatus.ACKNOWLEDGED || after.status() == IncidentStatus.SNOOZED;
        if (isQuiet && !wasQuiet && incident.acknowledgedAt().isEmpty()) {
            metrics.acknowledged(Duration.between(incident.openedAt(), now));
        }
        if (after.status() == IncidentStatus.RESOLVED && before.status() != IncidentStatus.RESOLVED) {
            metrics.resolved(Duration.between(incident.openedAt(), incident.resolvedAt().orElse(now)));
        }
        load.committed(incident.id(), after.status() == IncidentStatus.RESOLVED
                && before.status() != IncidentStatus.RESOLVED, steps.timeline, records, now);
        heldBy(incident.id(), after.holders());
        for (NotificationRecord record : records) {
            if (record.notice().isEmpty()) {
                metrics.paged(record.responder(), now);
            }
            dispatcher.dispatch(notification(incident, record, now));
        }
        decisions.decided(incident.id(), before, after, steps.actions, command, now);
        if (arm) {
            arm(incident.id(), after.wakeAt());
        }
    }

    /** Sends a page recorded before a restart again (its first hand-over may or may not have happened). */
    private Future<Void> resend(NotificationRecord record) {
        if (record.status() != NotificationStatus.QUEUED) {
            return Future.succeededFuture();
        }
        return incidents.find(record.incidentId()).map(found -> {
            found.filter(incident -> incident.isOpen() || record.notice().isPresent()).ifPresent(incident -> {
                LOG.info("Sending notification {} for incident {} to {} again after a restart", record.id(),
                        incident.id(), record.responder());
                dispatcher.dispatch(notification(incident, record, clock.instant()));
            });
            return null;
        });
    }

    /** The notices the engine issued (an incident was acknowledged or resolved), to record with the decision. */
    private static List<EscalationLedger.NoticeToSend> notices(Incident incident, EscalationProgress after,
                                                               List<EscalationAction> actions, LimbicConfig config) {
        List<EscalationLedger.NoticeToSend> notices = new ArrayList<>();
        for (EscalationAction action : actions) {
            if (action instanceof EscalationAction.Notify notify) {
                notices.add(new EscalationLedger.NoticeToSend(notify.responderId(), Math.max(0, after.step()),
                        after.round(), firstChannel(config, notify.responderId()),
                        "Incident #" + incident.id() + " " + notify.about().wireName(), notify.text()));
            }
        }
        return notices;
    }

    /** The page, or the notice, a record stands for. */
    private static Notification notification(Incident incident, NotificationRecord record, Instant now) {
        return record.notice()
                .map(notice -> Notification.info(DeliveryRecorder.pageId(record.id()), record.responder(),
                        String.valueOf(incident.id()), notice.title(), notice.text(), now))
                .orElseGet(() -> page(incident, record, now));
    }

    private static Notification page(Incident incident, NotificationRecord record, Instant now) {
        String title = "[" + incident.severity().wireName() + "] " + incident.summary();
        String text = "Incident #" + incident.id() + " from " + incident.integration()
                + (incident.source().isBlank() ? "" : " (" + incident.source() + ")")
                + ", escalation step " + (record.step() + 1) + (record.round() > 0 ? ", round " + (record.round() + 1) : "");
        return Notification.page(DeliveryRecorder.pageId(record.id()), record.responder(),
                String.valueOf(incident.id()), incident.severity(), title, text, now);
    }

    private static String firstChannel(LimbicConfig config, String responderId) {
        return config.responder(responderId).flatMap(r -> r.channels().stream().findFirst())
                .map(c -> c.name()).orElse("none");
    }

    private static dev.limbic.store.EscalationProgress summary(long incidentId, String policyId,
                                                               EscalationProgress p, long version) {
        EscalationStatus status = switch (p.status()) {
            case TRIGGERED -> EscalationStatus.ACTIVE;
            case ACKNOWLEDGED -> EscalationStatus.ACKNOWLEDGED;
            case SNOOZED -> EscalationStatus.SNOOZED;
            case RESOLVED -> EscalationStatus.DONE;
        };
        Optional<Instant> snoozedUntil = p.status() == IncidentStatus.SNOOZED
                ? Optional.ofNullable(p.nextDueAt()) : Optional.empty();
        return new dev.limbic.store.EscalationProgress(incidentId, policyId, Math.max(0, p.step()), p.round(),
                p.wakeAt(), status, snoozedUntil, version);
    }

    private static dev.limbic.store.IncidentStatus incidentStatus(IncidentStatus status) {
        return switch (status) {
            case TRIGGERED -> dev.limbic.store.IncidentStatus.TRIGGERED;
            case ACKNOWLEDGED, SNOOZED -> dev.limbic.store.IncidentStatus.ACKNOWLEDGED;
            case RESOLVED -> dev.limbic.store.IncidentStatus.RESOLVED;
        };
    }

    private void arm(long incidentId, Optional<Instant> at) {
        onContext(() -> {
            if (at.isEmpty()) {
                wakeAt.remove(incidentId);
                return;
            }
            wakeAt.put(incidentId, at.get());
            due.add(new Due(at.get(), incidentId));
        });
    }

    /** Evaluates incident {@code incidentId} at {@code at}, or sooner if it is due sooner. */
    private void wakeNoLaterThan(long incidentId, Instant at) {
        onContext(() -> {
            Instant scheduled = wakeAt.get(incidentId);
            if (scheduled == null || scheduled.isAfter(at)) {
                arm(incidentId, Optional.of(at));
            }
        });
    }

    private void disarm(long incidentId) {
        arm(incidentId, Optional.empty());
    }

    private void sweep() {
        Instant now = clock.instant();
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            Due next = due.poll();
            if (next.at().equals(wakeAt.get(next.incidentId()))) {
                wakeAt.remove(next.incidentId());
                wake(next.incidentId());
            }
        }
    }

    private void refreshOpenCount() {
        ledger.openCount().onSuccess(metrics::openIncidents)
                .onFailure(e -> LOG.debug("could not count open incidents: {}", e.toString()));
        refreshOpenByResponder();
    }

    /** Incident {@code incidentId} is held by {@code responders}; the metric follows within a second. */
    private void heldBy(long incidentId, Set<String> responders) {
        onContext(() -> {
            if (holders.update(incidentId, responders) && !openByResponderRefreshDue) {
                openByResponderRefreshDue = true;
                timers.add(vertx.setTimer(OPEN_BY_RESPONDER_DELAY_MILLIS, id -> {
                    timers.remove(Long.valueOf(id));
                    refreshOpenByResponder();
                }));
            }
        });
    }

    private void refreshOpenByResponder() {
        openByResponderRefreshDue = false;
        metrics.openIncidentsByResponder(holders.counts());
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /**
     * A decision sent to the ledger and not yet confirmed saved, with what {@link #afterCommit} needs if it turns out
     * to have been committed. Settled once, by whichever learns first that it was committed.
     */
    private final class InDoubt {
        final EscalationLedger.Decision decision;
        final Incident incident;
        final EscalationProgress before;
        final EscalationProgress after;
        final Steps steps;
        final Optional<EscalationCommand> command;
        boolean settled;

        InDoubt(EscalationLedger.Decision decision, Incident incident, EscalationProgress before,
                EscalationProgress after, Steps steps, Optional<EscalationCommand> command) {
            this.decision = decision;
            this.incident = incident;
            this.before = before;
            this.after = after;
            this.steps = steps;
            this.command = command;
        }

        void settle(List<NotificationRecord> records, boolean arm) {
            if (!settled) {
                settled = true;
                afterCommit(incident, before, after, steps, command, records, decision.at(), arm);
            }
        }
    }

    /** The outcomes of one decision (a reconciliation, then an evaluation or a command), merged. */
    private static final class Steps {
        EscalationProgress progress;
        final List<EscalationAction> actions = new ArrayList<>();
        final List<dev.limbic.store.TimelineEntry> timeline = new ArrayList<>();
        String lastActor = ENGINE;

        Steps(EscalationProgress start) {
            this.progress = start;
        }

        void add(EscalationOutcome outcome, String actor) {
            progress = outcome.progress();
            actions.addAll(outcome.actions());
            for (TimelineEntry entry : outcome.timeline()) {
                timeline.add(new dev.limbic.store.TimelineEntry(entry.at(), entry.kind().wireName(),
                        actorOf(entry, actor), entry.text(), JsonText.object(entry.fields())));
            }
            if (!outcome.timeline().isEmpty() || !outcome.actions().isEmpty()) {
                lastActor = Objects.requireNonNullElse(actor, ENGINE);
            }
        }

        private static String actorOf(TimelineEntry entry, String actor) {
            return switch (entry.kind()) {
                case ACKNOWLEDGED, RESOLVED, SNOOZED, ESCALATED_MANUALLY, REASSIGNED -> actor;
                default -> ENGINE;
            };
        }
    }
}
