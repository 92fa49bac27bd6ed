package dev.limbic.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Stores alert events durably and answers each request only after its events are committed.
 *
 * <p>Events from all requests are queued and committed together (group commit): each lane commits at most
 * {@link IntakeOptions#maxBatch()} events per transaction, one transaction at a time, and the events that arrive
 * meanwhile form its next batch. Events are partitioned over lanes by integration and dedup key, so the events for
 * one key are applied in the order they were submitted. A request's future completes with one outcome per event,
 * in order, once every lane holding its events has committed; if a commit fails, every request waiting on it
 * fails (the sender retries, and a redelivery is recognised). When more than {@link IntakeOptions#capacity()}
 * events wait, a request is refused at once with {@link IntakeOverloadedException}.
 *
 * <p>Redeliveries (Alertmanager re-sends every firing alert of a group) are recognised before any transaction: a lane
 * first reads, without locking, the open incidents its batch names; the triggers of a key whose events were all
 * recorded already are answered from that read (nothing is written for them, and what they carry is committed), and
 * only the rest is committed. The read of one batch overlaps the commit of an earlier one, so a storm of re-sent
 * alerts is answered at the pace of reads, not of commits. Most redeliveries need no read either: what reads and
 * commits showed about open incidents is remembered ({@link OpenIncidentMemory}), and a trigger it shows recorded is
 * answered at once.
 *
 * <p>A new incident is stored with the escalation policy that {@code policyFor} chose and its initial
 * escalation progress, in the same transaction: once a request is answered, its escalation survives a crash.
 * Thread-safe: {@link #submit} may be called from any thread or event loop.
 */
public final class DurableAlertIntake {
    private static final Logger LOG = LoggerFactory.getLogger(DurableAlertIntake.class);
    /** The longest dedup key stored (index entries are bounded). */
    public static final int MAX_DEDUP_KEY_LENGTH = 512;
    /** SQL states worth retrying a batch for: unique violation (a concurrent writer), deadlock, serialization. */
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40P01", "40001");
    private static final int MAX_ATTEMPTS = 3;
    private static final JsonFactory JSON = new JsonFactory();

    /** Keys of open incidents remembered for answering redeliveries: tens of megabytes at most. */
    public static final int REMEMBERED_KEYS = 50_000;

    private final Context context;
    private final OpenIncidentMemory openIncidents;
    private final IntakeWriter writer;
    private final Function<AlertEvent, String> policyFor;
    private final IntakeOptions options;
    private final Lane[] lanes;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Queue<Request> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closed;
    private Promise<Void> drained;

    /**
     * @param vertx     the Vert.x instance; batches run on a context of it
     * @param pool      the pool to commit on (at least one connection per lane)
     * @param policyFor the escalation policy for the incident a trigger would open (routing), or null for none;
     *                  called on the submitting thread
     * @param options   lanes, batch size and capacity
     */
    public DurableAlertIntake(Vertx vertx, Pool pool, Function<AlertEvent, String> policyFor, IntakeOptions options) {
        this(vertx, pool, policyFor, options, new OpenIncidentMemory(REMEMBERED_KEYS));
    }

    /**
     * @param openIncidents what it learns about open incidents, shared with the escalation ledger that tells it which
     *                      incidents its decisions resolve
     */
    public DurableAlertIntake(Vertx vertx, Pool pool, Function<AlertEvent, String> policyFor, IntakeOptions options,
                              OpenIncidentMemory openIncidents) {
        this.context = vertx.getOrCreateContext();
        this.openIncidents = Objects.requireNonNull(openIncidents, "openIncidents");
        this.writer = new IntakeWriter(pool);
        this.policyFor = Objects.requireNonNull(policyFor, "policyFor");
        this.options = Objects.requireNonNull(options, "options");
        this.lanes = new Lane[options.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /**
     * Stores {@code events} (one webhook's worth) and completes with their outcomes, in order, after the commit.
     * Fails with {@link IntakeOverloadedException} at once when the intake is full, with
     * {@link IllegalArgumentException} for an event that cannot be stored (the message names the field), with
     * {@link IllegalStateException} once closed, and with the database's error when a commit fails.
     */
    public Future<List<IntakeOutcome>> submit(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        if (closed) {
            return Future.failedFuture(new IllegalStateException("alert intake is closed"));
        }
        int size = events.size();
        int before = waiting.getAndAdd(size);
        if (before + size > options.capacity()) {
            waiting.addAndGet(-size);
            return Future.failedFuture(new IntakeOverloadedException(size, before, options.capacity()));
        }
        List<PlannedEvent> planned = new ArrayList<>(size);
        try {
            for (AlertEvent event : events) {
                planned.add(plan(event, policyFor));
            }
        } catch (RuntimeException e) {
            waiting.addAndGet(-size);
            return Future.failedFuture(e);
        }
        Request request = new Request(planned, Vertx.currentContext());
        inbox.add(request);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drainInbox());
        }
        return request.promise.future();
    }

    /** Events accepted and not yet committed (or failed). */
    public int waiting() {
        return waiting.get();
    }

    /** Refuses new requests and completes once every accepted event has been committed or has failed. */
    public Future<Void> close() {
        closed = true;
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            drained = promise;
            completeCloseIfIdle();
        });
        return promise.future();
    }

    /** Moves every submitted request into the lanes (one wake-up of the context for many requests). */
    private void drainInbox() {
        drainScheduled.set(false);
        Request request;
        while ((request = inbox.poll()) != null) {
            for (int i = 0; i < request.events.size(); i++) {
                PlannedEvent event = request.events.get(i);
                Lane lane = lanes[Math.floorMod(31 * event.event().integration().hashCode()
                        + event.event().dedupKey().hashCode(), lanes.length)];
                lane.queue.add(new Waiting(event, request, i));
            }
        }
        for (Lane lane : lanes) {
            lane.startBatchIfIdle();
        }
        completeCloseIfIdle();
    }

    private void completeCloseIfIdle() {
        if (drained == null || !inbox.isEmpty()) {
            return;
        }
        for (Lane lane : lanes) {
            if (!lane.idle()) {
                return;
            }
        }
        drained.tryComplete();
    }

    /**
     * What the intake stores for {@code event}: the event made storable, its idempotency key, the policy routing
     * chose for a trigger, and its labels as JSON. Runs on the submitting thread, once per event.
     *
     * @throws IllegalArgumentException naming the field when the event cannot be stored
     */
    static PlannedEvent plan(AlertEvent event, Function<AlertEvent, String> policyFor) {
        byte[] details = event.detailsJson().getBytes(StandardCharsets.UTF_8);
        AlertEvent storable = storable(event, details);
        if (storable != event) {
            details = storable.detailsJson().getBytes(StandardCharsets.UTF_8);
        }
        String policy = storable.action() == AlertAction.TRIGGER ? policyFor.apply(storable) : null;
        return new PlannedEvent(storable, AlertEventDigest.idempotencyKey(storable, details), policy,
                labelsJson(storable));
    }

    /**
     * Checks what the database would refuse, so one bad event cannot fail a whole batch; {@code details} are the
     * event's details in UTF-8.
     */
    private static AlertEvent storable(AlertEvent event, byte[] details) {
        if (event.dedupKey().isEmpty()) {
            throw new IllegalArgumentException("dedup key is empty");
        }
        if (event.dedupKey().length() > MAX_DEDUP_KEY_LENGTH) {
            throw new IllegalArgumentException("dedup key is longer than " + MAX_DEDUP_KEY_LENGTH + " characters");
        }
        checkJson(details);
        if (!hasNul(event)) {
            return event;
        }
        Map<String, String> labels = new HashMap<>();
        event.labels().forEach((name, value) -> labels.put(withoutNul(name), withoutNul(value)));
        return new AlertEvent(withoutNul(event.integration()), withoutNul(event.dedupKey()), event.action(),
                event.severity(), withoutNul(event.summary()), withoutNul(event.source()), labels,
                event.detailsJson().replace("\\u0000", "\\ufffd"), event.receivedAt());
    }

    /** The labels as a JSON object of strings (stored as jsonb, so the order of names does not matter). */
    private static String labelsJson(AlertEvent event) {
        if (event.labels().isEmpty()) {
            return "{}";
        }
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder(48 * event.labels().size()).append('{');
        for (Map.Entry<String, String> label : event.labels().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            quote.quoteAsString(label.getKey(), json);
            json.append("\":\"");
            quote.quoteAsString(label.getValue(), json);
            json.append('"');
        }
        return json.append('}').toString();
    }

    /** Reads {@code json} (UTF-8) token by token, building nothing: one JSON value and nothing after it. */
    private static void checkJson(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("details are empty, expected JSON");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("details hold more than one JSON value");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("details are not JSON: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL text cannot hold U+0000 (nor can jsonb hold {@code \u0000}). */
    private static boolean hasNul(AlertEvent event) {
        if (event.integration().indexOf(0) >= 0 || event.dedupKey().indexOf(0) >= 0
                || event.summary().indexOf(0) >= 0 || event.source().indexOf(0) >= 0
                || event.detailsJson().contains("\\u0000")) {
            return true;
        }
        for (Map.Entry<String, String> label : event.labels().entrySet()) {
            if (label.getKey().indexOf(0) >= 0 || label.getValue().indexOf(0) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String withoutNul(String text) {
        return text.replace('\0', '\uFFFD');
    }

    /** One request: its outcomes fill in as lanes commit. Touched only on the intake's context. */
    private static final class Request {
        final Promise<List<IntakeOutcome>> promise = Promise.promise();
        final List<PlannedEvent> events;
        final IntakeOutcome[] outcomes;
        final Context caller;
        int remaining;
        boolean failed;

        Request(List<PlannedEvent> events, Context caller) {
            this.events = events;
            this.outcomes = new IntakeOutcome[events.size()];
            this.remaining = events.size();
            this.caller = caller;
        }

        void completed(int index, IntakeOutcome outcome) {
            if (failed) {
                return;
            }
            outcomes[index] = outcome;
            if (--remaining == 0) {
                List<IntakeOutcome> result = List.of(outcomes);
                onCaller(() -> promise.complete(result));
            }
        }

        void fail(Throwable cause) {
            if (failed) {
                return;
            }
            failed = true;
            onCaller(() -> promise.fail(cause));
        }

        private void onCaller(Runnable action) {
            if (caller == null || caller == Vertx.currentContext()) {
                action.run();
            } else {
                caller.runOnContext(v -> action.run());
            }
        }
    }

    private record Waiting(PlannedEvent event, Request request, int index) {
    }

    /**
     * Two stages, each one statement or transaction at a time on its own connection: a look for redeliveries, and a
     * commit of the rest; what arrives meanwhile forms each stage's next batch. The stages overlap, so redeliveries
     * are answered while a commit is in flight. An event whose key has an event waiting for or in a commit goes
     * straight to the commit stage behind it, so the events of one key are applied in order.
     */
    private final class Lane {
        final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        final ArrayDeque<Waiting> toCommit = new ArrayDeque<>();
        /** Events per key waiting for or in a commit. */
        final Map<IntakePlanner.IncidentKey, Integer> committing = new HashMap<>();
        boolean peekInFlight;
        boolean commitInFlight;

        boolean idle() {
            return !peekInFlight && !commitInFlight && queue.isEmpty() && toCommit.isEmpty();
        }

        void startBatchIfIdle() {
            while (!peekInFlight && !queue.isEmpty()) {
                int size = Math.min(queue.size(), options.maxBatch());
                List<Waiting> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(queue.poll());
                }
                List<Waiting> candidates = redeliveryCandidates(batch);
                Set<Waiting> remembered = answerRemembered(candidates);
                if (!remembered.isEmpty()) {
                    batch = without(batch, remembered);
                    candidates = without(candidates, remembered);
                }
                if (candidates.isEmpty()) {
                    toCommit(batch);
                    startCommitIfIdle();
                } else {
                    peek(batch, candidates);
                }
            }
        }

        /**
         * Answers the candidates whose keys' events are all remembered as recorded by their open incidents; returns
         * them.
         */
        private Set<Waiting> answerRemembered(List<Waiting> candidates) {
            Set<Waiting> answered = Collections.newSetFromMap(new IdentityHashMap<>());
            if (candidates.isEmpty()) {
                return answered;
            }
            long[] incidentIds = new long[candidates.size()];
            Map<IntakePlanner.IncidentKey, Boolean> allRecorded = new HashMap<>();
            for (int i = 0; i < incidentIds.length; i++) {
                PlannedEvent planned = candidates.get(i).event();
                IntakePlanner.IncidentKey key = IntakePlanner.IncidentKey.of(planned.event());
                incidentIds[i] = openIncidents.recordedBy(key, planned.idempotencyKey());
                allRecorded.merge(key, incidentIds[i] >= 0, Boolean::logicalAnd);
            }
            for (int i = 0; i < incidentIds.length; i++) {
                Waiting next = candidates.get(i);
                if (allRecorded.get(IntakePlanner.IncidentKey.of(next.event().event()))) {
                    answered.add(next);
                    next.request().completed(next.index(),
                            new IntakeOutcome(IntakeOutcome.Kind.REPEATED, incidentIds[i]));
                }
            }
            waiting.addAndGet(-answered.size());
            return answered;
        }

        private static List<Waiting> without(List<Waiting> events, Set<Waiting> removed) {
            return events.stream().filter(next -> !removed.contains(next)).toList();
        }

        /** Reads the open incidents {@code candidates} name, answers their redeliveries, and commits the rest. */
        private void peek(List<Waiting> batch, List<Waiting> candidates) {
            peekInFlight = true;
            long epoch = openIncidents.epoch();
            List<PlannedEvent> events = candidates.stream().map(Waiting::event).toList();
            writer.peek(events).onComplete(peeked -> {
                peekInFlight = false;
                Set<Waiting> settled = Collections.newSetFromMap(new IdentityHashMap<>());
                if (peeked.failed()) {
                    LOG.debug("Could not look for redeliveries, committing them: {}", peeked.cause().toString());
                } else {
                    // Still true: no event of these keys was committed meanwhile (a key with an event waiting for a
                    // commit is not read, and events that arrive meanwhile wait for this read to end).
                    peeked.result().forEach((key, open) ->
                            openIncidents.remember(epoch, key, open.id(), open.recordedKeys()));
                    IntakeOutcome[] redelivered = IntakePlanner.redeliveries(events, peeked.result());
                    for (int i = 0; i < redelivered.length; i++) {
                        if (redelivered[i] != null) {
                            Waiting done = candidates.get(i);
                            settled.add(done);
                            done.request().completed(done.index(), redelivered[i]);
                        }
                    }
                    waiting.addAndGet(-settled.size());
                }
                toCommit(settled.isEmpty() ? batch : without(batch, settled));
                startCommitIfIdle();
                startBatchIfIdle();
                completeCloseIfIdle();
            });
        }

        /**
         * The events of {@code batch} that may be redeliveries: triggers of keys with nothing waiting for a commit
         * and no acknowledge or resolve in the batch (those always change something or are recorded as ignored).
         */
        private List<Waiting> redeliveryCandidates(List<Waiting> batch) {
            Set<IntakePlanner.IncidentKey> notTriggers = new HashSet<>();
            for (Waiting next : batch) {
                if (next.event().event().action() != AlertAction.TRIGGER) {
                    notTriggers.add(IntakePlanner.IncidentKey.of(next.event().event()));
                }
            }
            if (notTriggers.isEmpty() && committing.isEmpty()) {
                return batch;
            }
            return batch.stream().filter(next -> {
                IntakePlanner.IncidentKey key = IntakePlanner.IncidentKey.of(next.event().event());
                return !committing.containsKey(key) && !notTriggers.contains(key);
            }).toList();
        }

        private void toCommit(List<Waiting> events) {
            for (Waiting next : events) {
                toCommit.add(next);
                committing.merge(IntakePlanner.IncidentKey.of(next.event().event()), 1, Integer::sum);
            }
        }

        private void startCommitIfIdle() {
            if (commitInFlight || toCommit.isEmpty()) {
                return;
            }
            commitInFlight = true;
            int size = Math.min(toCommit.size(), options.maxBatch());
            List<Waiting> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(toCommit.poll());
            }
            commit(batch, batch.stream().map(Waiting::event).toList(), openIncidents.epoch(), 1);
        }

        private void commit(List<Waiting> batch, List<PlannedEvent> events, long epoch, int attempt) {
            writer.commit(events).onComplete(result -> {
                if (result.failed() && attempt < MAX_ATTEMPTS && retryable(result.cause())) {
                    LOG.debug("Retrying a batch of {} alert events after {}", batch.size(), result.cause().toString());
                    commit(batch, events, epoch, attempt + 1);
                    return;
                }
                waiting.addAndGet(-batch.size());
                for (Waiting done : batch) {
                    committing.computeIfPresent(IntakePlanner.IncidentKey.of(done.event().event()),
                            (key, count) -> count == 1 ? null : count - 1);
                }
                if (result.succeeded()) {
                    List<IntakeOutcome> outcomes = result.result();
                    remember(events, outcomes, epoch);
                    for (int i = 0; i < batch.size(); i++) {
                        Waiting done = batch.get(i);
                        done.request().completed(done.index(), outcomes.get(i));
                    }
                } else {
                    LOG.warn("Could not commit {} alert events: {}", batch.size(), result.cause().toString());
                    for (Waiting done : batch) {
                        done.request().fail(result.cause());
                    }
                }
                commitInFlight = false;
                startCommitIfIdle();
                startBatchIfIdle();
                completeCloseIfIdle();
            });
        }
    }

    /** What a commit showed about open incidents, event by event in order: which recorded what, which it resolved. */
    private void remember(List<PlannedEvent> events, List<IntakeOutcome> outcomes, long epoch) {
        for (int i = 0; i < events.size(); i++) {
            PlannedEvent planned = events.get(i);
            IntakePlanner.IncidentKey key = IntakePlanner.IncidentKey.of(planned.event());
            IntakeOutcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case OPENED, DEDUPLICATED, REPEATED -> openIncidents.remember(epoch, key, outcome.incidentId(),
                        List.of(planned.idempotencyKey()));
                case RESOLVED -> openIncidents.forget(key);
                case ACKNOWLEDGED, IGNORED -> {
                }
            }
        }
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg && RETRYABLE_STATES.contains(pg.getSqlState());
    }
}
