package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/**
 * What the escalation runtime reads and writes: an incident with its stored progress and the engine's state, and
 * one transaction that saves what the engine decided (progress, incident status, timeline, notification records of
 * the pages to send). The runtime hands pages to channels only after that transaction commits, so a crash repeats
 * at most the pages that were in flight.
 *
 * <p>Group commit: what arrives while earlier work is in flight is written together (see {@link GroupCommit}),
 * one statement per kind of row for the whole batch, so under an alert storm thousands of decisions share one
 * transaction and one fsync. Each decision keeps its own optimistic version check: one that lost a race is left
 * out of the batch's writes and answered empty, the others are saved.
 */
public final class EscalationLedger {
    private static final String LOAD = "SELECT i.id, i.integration, i.dedup_key, i.status, i.severity, i.summary,"
            + " i.source, i.labels, i.details::text AS details, i.policy_id, i.opened_at, i.acknowledged_at,"
            + " i.acknowledged_by, i.resolved_at, i.resolved_by, i.alert_count, i.last_alert_at,"
            + " p.policy_id AS p_policy_id,"
            + " p.step, p.round, p.next_due_at, p.status AS p_status, p.snoozed_until, p.version,"
            + " p.engine_state::text AS engine_state"
            + " FROM incidents i JOIN escalation_progress p ON p.incident_id = i.id WHERE i.id = ANY($1::bigint[])";
    /** Saves each decision's progress if its version is still the one it was decided on; names those saved. */
    private static final String SAVE_PROGRESS = """
            UPDATE escalation_progress p
            SET step = u.step, round = u.round, next_due_at = u.next_due_at, status = u.status,
                snoozed_until = u.snoozed_until, engine_state = u.engine_state::jsonb, version = p.version + 1,
                updated_at = u.updated_at
            FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::timestamptz[], $6::text[],
                        $7::timestamptz[], $8::text[], $9::timestamptz[])
                 AS u(incident_id, version, step, round, next_due_at, status, snoozed_until, engine_state, updated_at)
            WHERE p.incident_id = u.incident_id AND p.version = u.version
            RETURNING p.incident_id""";
    private static final String ACKNOWLEDGE = """
            UPDATE incidents i
            SET status = 'acknowledged', acknowledged_at = coalesce(i.acknowledged_at, u.at),
                acknowledged_by = coalesce(i.acknowledged_by, u.actor)
            FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS u(id, at, actor)
            WHERE i.id = u.id AND i.status = 'triggered'""";
    private static final String RESOLVE = """
            UPDATE incidents i SET status = 'resolved', resolved_at = u.at, resolved_by = u.actor
            FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS u(id, at, actor)
            WHERE i.id = u.id AND i.status <> 'resolved'""";
    private static final String RETRIGGER = """
            UPDATE incidents i SET status = 'triggered'
            FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS u(id, at, actor)
            WHERE i.id = u.id AND i.status = 'acknowledged'""";
    private static final String APPEND = """
            INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)
            SELECT incident_id, at, kind, actor, text, fields::jsonb
            FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])
                 AS u(incident_id, at, kind, actor, text, fields)""";
    private static final String ALLOCATE_NOTIFICATION_IDS = "SELECT nextval(pg_get_serial_sequence('notifications',"
            + " 'id')) FROM generate_series(1, $1::int)";
    private static final String RECORD_PAGES = """
            INSERT INTO notifications (id, incident_id, responder, channel, step, round, status, attempts,
                                       next_attempt_at, created_at, updated_at, page_index)
            OVERRIDING SYSTEM VALUE
            SELECT id, incident_id, responder, channel, step, round, 'queued', 0, at, at, at, page_index
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::int[], $7::timestamptz[],
                        $8::int[]) AS u(id, incident_id, responder, channel, step, round, at, page_index)""";
    /** Marks each still queued record as delivered or failed and adds its line to its incident's timeline. */
    private static final String FINISH = """
            WITH u AS (
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[],
                                     $7::text[], $8::text[], $9::text[], $10::text[])
                     AS u(id, status, channel, attempts, error, at, kind, actor, text, fields)),
            marked AS (
                UPDATE notifications n
                SET status = u.status, channel = u.channel, attempts = n.attempts + u.attempts,
                    next_attempt_at = NULL, last_error = u.error, updated_at = u.at
                FROM u WHERE n.id = u.id AND n.status = 'queued'
                RETURNING n.id, n.incident_id)
            INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)
            SELECT m.incident_id, u.at, u.kind, u.actor, u.text, u.fields::jsonb FROM marked m JOIN u ON u.id = m.id""";
    private static final String UNFINISHED = "SELECT incident_id FROM escalation_progress WHERE status <> 'done'"
            + " ORDER BY next_due_at NULLS LAST, incident_id";
    private static final String OPEN_COUNT = "SELECT count(*) FROM incidents WHERE status <> 'resolved'";
    /** Who holds each open incident: its acknowledger, or before that everyone its latest escalation step paged. */
    private static final String OPEN_BY_RESPONDER = "WITH open AS (SELECT id, status, acknowledged_by FROM incidents"
            + " WHERE status <> 'resolved'),"
            + " latest AS (SELECT DISTINCT ON (n.incident_id) n.incident_id, n.round, n.step FROM notifications n"
            + " JOIN open o ON o.id = n.incident_id WHERE n.page_index IS NOT NULL"
            + " ORDER BY n.incident_id, n.page_index DESC),"
            + " holders AS (SELECT o.id AS incident_id, o.acknowledged_by AS responder FROM open o"
            + " WHERE o.status = 'acknowledged' AND o.acknowledged_by IS NOT NULL"
            + " UNION SELECT n.incident_id, n.responder FROM notifications n"
            + " JOIN latest l ON l.incident_id = n.incident_id AND l.round = n.round AND l.step = n.step"
            + " JOIN open o ON o.id = n.incident_id"
            + " WHERE n.page_index IS NOT NULL AND (o.status <> 'acknowledged' OR o.acknowledged_by IS NULL))"
            + " SELECT responder, count(*) FROM holders GROUP BY responder";

    /** The most loads, decisions or delivery results one statement or transaction carries. */
    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final GroupCommit<Long, Optional<Entry>> loads;
    private final GroupCommit<Decision, Optional<List<NotificationRecord>>> saves;
    private final GroupCommit<FinishedDelivery, Void> finishes;

    /**
     * The ledger in the database behind {@code pool}. Loads, saves and delivery results that arrive while earlier
     * ones are in flight are grouped: one query for many loads, one transaction (one fsync) for many decisions.
     */
    public EscalationLedger(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.loads = new GroupCommit<>("escalation loads", MAX_BATCH, 1, id -> new Object(), this::loadBatch);
        this.saves = new GroupCommit<>("escalation decisions", MAX_BATCH, 2, Decision::incidentId, this::saveBatch);
        this.finishes = new GroupCommit<>("delivery results", MAX_BATCH, 1, FinishedDelivery::notificationId,
                this::finishBatch);
    }

    /**
     * An incident with its escalation.
     *
     * @param incident    the incident
     * @param progress    the stored progress (summary columns and version)
     * @param engineState the engine's state as JSON text, empty until the engine first saved it
     */
    public record Entry(Incident incident, EscalationProgress progress, Optional<String> engineState) {
    }

    /**
     * What one engine decision changes, saved together.
     *
     * @param incidentId      the incident
     * @param expectedVersion the progress version the decision was made on
     * @param progress        the new summary columns (its version is ignored)
     * @param engineState     the engine's new state as JSON text
     * @param incidentStatus  the incident status the decision implies
     * @param actor           who caused a status change (acknowledged or resolved by)
     * @param timeline        lines for the incident's timeline
     * @param pages           pages to record as queued notifications
     * @param at              when it was decided
     */
    public record Decision(long incidentId, long expectedVersion, EscalationProgress progress, String engineState,
                           IncidentStatus incidentStatus, String actor, List<TimelineEntry> timeline,
                           List<PageToSend> pages, Instant at) {
        public Decision {
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(engineState, "engineState");
            Objects.requireNonNull(incidentStatus, "incidentStatus");
            Objects.requireNonNull(actor, "actor");
            timeline = List.copyOf(timeline);
            pages = List.copyOf(pages);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A page the engine issued.
     *
     * @param responder who
     * @param step      the step, from 0
     * @param round     the round, from 0
     * @param pageIndex its index in the engine's list of issued pages (unique per incident)
     * @param channel   the channel it is expected to go out on first (updated to the one that took it)
     */
    public record PageToSend(String responder, int step, int round, int pageIndex, String channel) {
    }

    /** The incident {@code incidentId} with its escalation, if it has one. */
    public Future<Optional<Entry>> load(long incidentId) {
        return loads.submit(incidentId);
    }

    private Future<List<Optional<Entry>>> loadBatch(List<Long> ids) {
        return pool.preparedQuery(LOAD).execute(Tuple.wrap(new Object[] {ids.toArray(Long[]::new)})).map(rows -> {
            Map<Long, Entry> found = new HashMap<>();
            for (Row row : rows) {
                long incidentId = row.getLong("id");
                EscalationProgress progress = new EscalationProgress(incidentId, row.getString("p_policy_id"),
                        row.getInteger("step"), row.getInteger("round"),
                        Optional.ofNullable(instant(row.getOffsetDateTime("next_due_at"))),
                        EscalationStatus.fromWireName(row.getString("p_status")),
                        Optional.ofNullable(instant(row.getOffsetDateTime("snoozed_until"))), row.getLong("version"));
                found.put(incidentId, new Entry(IncidentStore.incident(row), progress,
                        Optional.ofNullable(row.getString("engine_state"))));
            }
            List<Optional<Entry>> entries = new ArrayList<>(ids.size());
            ids.forEach(id -> entries.add(Optional.ofNullable(found.get(id))));
            return entries;
        });
    }

    /** The incidents whose escalation is not done, soonest due first: what a restart resumes. */
    public Future<List<Long>> unfinished() {
        return pool.preparedQuery(UNFINISHED).execute().map(rows -> {
            List<Long> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }

    /** How many incidents are open (triggered or acknowledged). */
    public Future<Long> openCount() {
        return pool.preparedQuery(OPEN_COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * How many open incidents each responder holds: an acknowledged incident is its acknowledger's, an unacknowledged
     * one belongs to everyone its latest escalation step paged. Responders holding none are absent.
     */
    public Future<Map<String, Long>> openIncidentsByResponder() {
        return pool.preparedQuery(OPEN_BY_RESPONDER).execute().map(rows -> {
            Map<String, Long> counts = new HashMap<>();
            rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
            return counts;
        });
    }

    /**
     * Saves {@code decision} in one transaction (shared with decisions saved at the same time).
     *
     * @return the notification records of its pages, or empty (nothing of it saved) if the progress changed since
     * it was loaded: load again and decide again
     */
    public Future<Optional<List<NotificationRecord>>> save(Decision decision) {
        return saves.submit(decision);
    }

    private Future<List<Optional<List<NotificationRecord>>>> saveBatch(List<Decision> batch) {
        List<Decision> decisions = new ArrayList<>(batch);
        decisions.sort(Comparator.comparingLong(Decision::incidentId));
        int pageCount = decisions.stream().mapToInt(d -> d.pages().size()).sum();
        return pool.withTransaction(connection -> {
            Future<Set<Long>> saved = connection.preparedQuery(SAVE_PROGRESS).execute(progressRows(decisions))
                    .map(rows -> {
                        Set<Long> ids = new HashSet<>();
                        rows.forEach(row -> ids.add(row.getLong(0)));
                        return ids;
                    });
            Future<long[]> recordIds = pageCount == 0 ? Future.succeededFuture(new long[0])
                    : connection.preparedQuery(ALLOCATE_NOTIFICATION_IDS).execute(Tuple.of(pageCount)).map(rows -> {
                        long[] ids = new long[pageCount];
                        int i = 0;
                        for (Row row : rows) {
                            ids[i++] = row.getLong(0);
                        }
                        return ids;
                    });
            return Future.all(saved, recordIds).compose(both -> writeRest(connection,
                    decisions.stream().filter(d -> saved.result().contains(d.incidentId())).toList(),
                    recordIds.result()));
        }).map(records -> {
            List<Optional<List<NotificationRecord>>> results = new ArrayList<>(batch.size());
            for (Decision decision : batch) {
                results.add(Optional.ofNullable(records.get(decision.incidentId())));
            }
            return results;
        });
    }

    private static Tuple progressRows(List<Decision> decisions) {
        int n = decisions.size();
        Long[] ids = new Long[n];
        Long[] versions = new Long[n];
        Integer[] steps = new Integer[n];
        Integer[] rounds = new Integer[n];
        OffsetDateTime[] nextDue = new OffsetDateTime[n];
        String[] statuses = new String[n];
        OffsetDateTime[] snoozedUntil = new OffsetDateTime[n];
        String[] states = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            EscalationProgress p = d.progress();
            ids[i] = d.incidentId();
            versions[i] = d.expectedVersion();
            steps[i] = p.step();
            rounds[i] = p.round();
            nextDue[i] = offset(p.nextDueAt().orElse(null));
            statuses[i] = p.status().wireName();
            snoozedUntil[i] = offset(p.snoozedUntil().orElse(null));
            states[i] = d.engineState();
            at[i] = offset(d.at());
        }
        return Tuple.wrap(new Object[] {ids, versions, steps, rounds, nextDue, statuses, snoozedUntil, states, at});
    }

    /**
     * Writes the rest of the saved decisions (incident status, timeline, page records) with one statement each,
     * pipelined; the page records take the ids allocated in order.
     */
    private Future<Map<Long, List<NotificationRecord>>> writeRest(SqlConnection connection, List<Decision> saved,
                                                                 long[] recordIds) {
        Map<Long, List<NotificationRecord>> records = new HashMap<>();
        if (saved.isEmpty()) {
            return Future.succeededFuture(records);
        }
        List<Future<?>> writes = new ArrayList<>(5);
        for (IncidentStatus status : IncidentStatus.values()) {
            List<Decision> moving = saved.stream().filter(d -> d.incidentStatus() == status).toList();
            if (!moving.isEmpty()) {
                writes.add(connection.preparedQuery(switch (status) {
                    case TRIGGERED -> RETRIGGER;
                    case ACKNOWLEDGED -> ACKNOWLEDGE;
                    case RESOLVED -> RESOLVE;
                }).execute(Tuple.wrap(new Object[] {moving.stream().map(Decision::incidentId).toArray(Long[]::new),
                        moving.stream().map(d -> offset(d.at())).toArray(OffsetDateTime[]::new),
                        moving.stream().map(Decision::actor).toArray(String[]::new)})));
            }
        }
        List<Long> lineIds = new ArrayList<>();
        List<TimelineEntry> lines = new ArrayList<>();
        for (Decision decision : saved) {
            for (TimelineEntry entry : decision.timeline()) {
                lineIds.add(decision.incidentId());
                lines.add(entry);
            }
        }
        if (!lines.isEmpty()) {
            writes.add(connection.preparedQuery(APPEND).execute(timelineRows(lineIds, lines)));
        }
        List<NotificationRecord> pages = new ArrayList<>();
        List<Integer> pageIndexes = new ArrayList<>();
        int next = 0;
        for (Decision decision : saved) {
            List<NotificationRecord> ofDecision = new ArrayList<>(decision.pages().size());
            Instant at = decision.at().truncatedTo(ChronoUnit.MICROS);
            for (PageToSend page : decision.pages()) {
                NotificationRecord record = new NotificationRecord(recordIds[next++], decision.incidentId(),
                        page.responder(), page.channel(), page.step(), page.round(), NotificationStatus.QUEUED, 0,
                        Optional.of(at), Optional.empty(), at, at);
                ofDecision.add(record);
                pages.add(record);
                pageIndexes.add(page.pageIndex());
            }
            records.put(decision.incidentId(), ofDecision);
        }
        if (!pages.isEmpty()) {
            writes.add(connection.preparedQuery(RECORD_PAGES).execute(pageRows(pages, pageIndexes)));
        }
        return Future.all(writes).map(done -> records);
    }

    private static Tuple timelineRows(List<Long> incidentIds, List<TimelineEntry> lines) {
        int n = lines.size();
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] kinds = new String[n];
        String[] actors = new String[n];
        String[] texts = new String[n];
        String[] fields = new String[n];
        for (int i = 0; i < n; i++) {
            TimelineEntry line = lines.get(i);
            at[i] = offset(line.at());
            kinds[i] = line.kind();
            actors[i] = line.actor();
            texts[i] = line.text();
            fields[i] = line.fieldsJson();
        }
        return Tuple.wrap(new Object[] {incidentIds.toArray(Long[]::new), at, kinds, actors, texts, fields});
    }

    private static Tuple pageRows(List<NotificationRecord> pages, List<Integer> pageIndexes) {
        int n = pages.size();
        Long[] ids = new Long[n];
        Long[] incidentIds = new Long[n];
        String[] responders = new String[n];
        String[] channels = new String[n];
        Integer[] steps = new Integer[n];
        Integer[] rounds = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NotificationRecord page = pages.get(i);
            ids[i] = page.id();
            incidentIds[i] = page.incidentId();
            responders[i] = page.responder();
            channels[i] = page.channel();
            steps[i] = page.step();
            rounds[i] = page.round();
            at[i] = offset(page.createdAt());
        }
        return Tuple.wrap(new Object[] {ids, incidentIds, responders, channels, steps, rounds, at,
                pageIndexes.toArray(Integer[]::new)});
    }

    /**
     * Records how a queued notification's delivery ended, with a line on its incident's timeline. A record that is
     * no longer queued is left as it is.
     */
    public Future<Void> finishDelivery(long notificationId, boolean delivered, String channel, int attempts,
                                       String error, TimelineEntry entry) {
        return finishes.submit(new FinishedDelivery(notificationId, delivered, channel, attempts, error, entry));
    }

    private record FinishedDelivery(long notificationId, boolean delivered, String channel, int attempts,
                                    String error, TimelineEntry entry) {
    }

    private Future<List<Void>> finishBatch(List<FinishedDelivery> batch) {
        int n = batch.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        String[] channels = new String[n];
        Integer[] attempts = new Integer[n];
        String[] errors = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] kinds = new String[n];
        String[] actors = new String[n];
        String[] texts = new String[n];
        String[] fields = new String[n];
        for (int i = 0; i < n; i++) {
            FinishedDelivery f = batch.get(i);
            ids[i] = f.notificationId();
            statuses[i] = (f.delivered() ? NotificationStatus.DELIVERED : NotificationStatus.FAILED).wireName();
            channels[i] = f.channel();
            attempts[i] = f.attempts();
            errors[i] = f.delivered() ? null : f.error();
            at[i] = offset(f.entry().at());
            kinds[i] = f.entry().kind();
            actors[i] = f.entry().actor();
            texts[i] = f.entry().text();
            fields[i] = f.entry().fieldsJson();
        }
        return pool.preparedQuery(FINISH)
                .execute(Tuple.wrap(new Object[] {ids, statuses, channels, attempts, errors, at, kinds, actors, texts,
                        fields}))
                .map(rows -> Collections.nCopies(n, (Void) null));
    }
}
