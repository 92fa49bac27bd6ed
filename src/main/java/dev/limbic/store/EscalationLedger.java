package dev.limbic.store;

import dev.limbic.config.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
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
import java.util.function.LongConsumer;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/**
 * What the escalation runtime reads and writes: an incident with its stored progress and the engine's state, and
 * one transaction that saves what the engine decided (progress, incident status, timeline, notification records of
 * the pages and notices to send). The runtime hands pages to channels only after that transaction commits, so a crash repeats
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
    /**
     * Saves a batch of decisions in one statement (so one implicit transaction, one round trip, one fsync): each
     * decision's progress if its version is still the one it was decided on, and for those saved only, the incident
     * status they imply, their timeline lines and their queued notification records. Answers the saved incidents
     * and, by position in the list of records to write, the id each record got.
     */
    private static final String SAVE = """
            WITH u AS (
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::timestamptz[], $6::text[],
                                     $7::timestamptz[], $8::text[], $9::timestamptz[], $10::text[], $11::text[])
                     AS u(incident_id, version, step, round, next_due_at, status, snoozed_until, engine_state, at,
                          incident_status, actor)),
            saved AS (
                UPDATE escalation_progress p
                SET step = u.step, round = u.round, next_due_at = u.next_due_at, status = u.status,
                    snoozed_until = u.snoozed_until, engine_state = u.engine_state::jsonb, version = p.version + 1,
                    updated_at = u.at
                FROM u WHERE p.incident_id = u.incident_id AND p.version = u.version
                RETURNING p.incident_id),
            moved AS (
                UPDATE incidents i
                SET status = u.incident_status,
                    acknowledged_at = CASE WHEN u.incident_status = 'acknowledged'
                        THEN coalesce(i.acknowledged_at, u.at) ELSE i.acknowledged_at END,
                    acknowledged_by = CASE WHEN u.incident_status = 'acknowledged'
                        THEN coalesce(i.acknowledged_by, u.actor) ELSE i.acknowledged_by END,
                    resolved_at = CASE WHEN u.incident_status = 'resolved' THEN u.at ELSE i.resolved_at END,
                    resolved_by = CASE WHEN u.incident_status = 'resolved' THEN u.actor ELSE i.resolved_by END
                FROM u JOIN saved s ON s.incident_id = u.incident_id
                WHERE i.id = u.incident_id
                  AND CASE u.incident_status WHEN 'triggered' THEN i.status = 'acknowledged'
                                             WHEN 'acknowledged' THEN i.status = 'triggered'
                                             ELSE i.status <> 'resolved' END
                RETURNING i.id),
            lines AS (
                INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)
                SELECT t.incident_id, t.at, t.kind, t.actor, t.text, t.fields::jsonb
                FROM unnest($12::bigint[], $13::timestamptz[], $14::text[], $15::text[], $16::text[], $17::text[])
                     WITH ORDINALITY AS t(incident_id, at, kind, actor, text, fields, ord)
                WHERE t.incident_id IN (SELECT incident_id FROM saved)
                ORDER BY t.ord
                RETURNING 1),
            queued AS (
                SELECT n.*, nextval(pg_get_serial_sequence('notifications', 'id')) AS id
                FROM unnest($18::bigint[], $19::text[], $20::text[], $21::int[], $22::int[], $23::timestamptz[],
                            $24::int[], $25::text[], $26::text[])
                     WITH ORDINALITY AS n(incident_id, responder, channel, step, round, at, page_index, notice_title,
                                          notice_text, ord)
                WHERE n.incident_id IN (SELECT incident_id FROM saved)),
            recorded AS (
                INSERT INTO notifications (id, incident_id, responder, channel, step, round, status, attempts,
                                           next_attempt_at, created_at, updated_at, page_index, notice_title,
                                           notice_text)
                OVERRIDING SYSTEM VALUE
                SELECT id, incident_id, responder, channel, step, round, 'queued', 0, at, at, at, page_index,
                       notice_title, notice_text
                FROM queued
                RETURNING 1)
            SELECT incident_id, NULL::bigint AS ord, NULL::bigint AS id FROM saved
            UNION ALL
            SELECT NULL, ord, id FROM queued""";
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
    /** Whether the stored engine state is the one given. */
    private static final String STATE_IS = "SELECT engine_state = $2::text::jsonb FROM escalation_progress"
            + " WHERE incident_id = $1";
    /** The queued records of the given pages of an incident, and its queued notices recorded at the given time. */
    private static final String QUEUED_BY = "SELECT " + NotificationStore.COLUMNS + " FROM notifications"
            + " WHERE incident_id = $1 AND status = 'queued'"
            + " AND (page_index = ANY($2::int[]) OR (page_index IS NULL AND created_at = $3)) ORDER BY id";

    /** The most loads, decisions or delivery results one statement or transaction carries. */
    private static final int MAX_BATCH = 500;

    private final Pool pool;
    private final LongConsumer resolving;
    private final GroupCommit<Long, Optional<Entry>> loads;
    private final GroupCommit<Decision, Optional<List<NotificationRecord>>> saves;
    private final GroupCommit<FinishedDelivery, Void> finishes;

    /**
     * The ledger in the database behind {@code pool}. Loads, saves and delivery results that arrive while earlier
     * ones are in flight are grouped: one query for many loads, one transaction (one fsync) for many decisions.
     */
    public EscalationLedger(Pool pool) {
        this(pool, incidentId -> {
        }, DatabaseConfig.DEFAULT_ANSWER_TIMEOUT);
    }

    /**
     * @param resolving     told the id of each incident a decision resolves: before the decision is sent, and again
     *                      once it is committed or has failed, before the caller is told (the intake's {@link
     *                      OpenIncidentMemory#forgetIncident})
     * @param answerTimeout a grouped load, save or delivery result unanswered for this long lets the next group go
     *                      ahead beside it
     */
    public EscalationLedger(Pool pool, LongConsumer resolving, Duration answerTimeout) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.resolving = Objects.requireNonNull(resolving, "resolving");
        this.loads = new GroupCommit<>("escalation loads", MAX_BATCH, 1, answerTimeout, id -> new Object(),
                this::loadBatch);
        this.saves = new GroupCommit<>("escalation decisions", MAX_BATCH, 2, answerTimeout, Decision::incidentId,
                this::saveBatch);
        this.finishes = new GroupCommit<>("delivery results", MAX_BATCH, 1, answerTimeout,
                FinishedDelivery::notificationId, this::finishBatch);
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
     * @param notices         notices to record as queued notifications (after the pages)
     */
    public record Decision(long incidentId, long expectedVersion, EscalationProgress progress, String engineState,
                           IncidentStatus incidentStatus, String actor, List<TimelineEntry> timeline,
                           List<PageToSend> pages, Instant at, List<NoticeToSend> notices) {
        public Decision {
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(engineState, "engineState");
            Objects.requireNonNull(incidentStatus, "incidentStatus");
            Objects.requireNonNull(actor, "actor");
            timeline = List.copyOf(timeline);
            pages = List.copyOf(pages);
            Objects.requireNonNull(at, "at");
            notices = List.copyOf(notices);
        }

        /** A decision that sends no notices. */
        public Decision(long incidentId, long expectedVersion, EscalationProgress progress, String engineState,
                        IncidentStatus incidentStatus, String actor, List<TimelineEntry> timeline,
                        List<PageToSend> pages, Instant at) {
            this(incidentId, expectedVersion, progress, engineState, incidentStatus, actor, timeline, pages, at,
                    List.of());
        }
    }

    /**
     * A notice the engine issued (an incident the responder was paged for was acknowledged or resolved).
     *
     * @param responder who
     * @param step      the step the incident was at, from 0
     * @param round     the round, from 0
     * @param channel   the channel it is expected to go out on first (updated to the one that took it)
     * @param title     its title
     * @param text      its text
     */
    public record NoticeToSend(String responder, int step, int round, String channel, String title, String text) {
        public NoticeToSend {
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
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

    /**
     * What {@link #load} returns for an incident the intake has just opened, before any decision on it: its
     * escalation as the intake stored it (its policy, step 0, round 0, due at once unless already resolved, version
     * 0, no engine state); empty if no policy routed it (it has no escalation).
     *
     * @param incident the incident as committed ({@link IntakeOutcome#opened()})
     */
    public static Optional<Entry> opened(Incident incident) {
        return incident.policyId().map(policyId -> {
            EscalationStatus status = IntakeWriter.escalationStatus(incident.status());
            EscalationProgress progress = new EscalationProgress(incident.id(), policyId, 0, 0,
                    status == EscalationStatus.DONE ? Optional.empty() : Optional.of(incident.openedAt()), status,
                    Optional.empty(), 0);
            return new Entry(incident, progress, Optional.empty());
        });
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
     * Saves {@code decision} in one transaction (shared with decisions saved at the same time).
     *
     * @return the notification records of its pages, or empty (nothing of it saved) if the progress changed since
     * it was loaded: load again and decide again
     */
    public Future<Optional<List<NotificationRecord>>> save(Decision decision) {
        if (decision.incidentStatus() != IncidentStatus.RESOLVED) {
            return saves.submit(decision);
        }
        resolving.accept(decision.incidentId());
        return saves.submit(decision).andThen(saved -> resolving.accept(decision.incidentId()));
    }

    /**
     * Whether {@code decision}, whose {@link #save} did not confirm it (it failed, or answered that the progress had
     * moved), was committed all the same (a connection lost after the commit, or a retry of its batch that found its
     * own commit), and if so the records it wrote that are still queued. A decision with pages was committed if
     * their records exist (page numbers are unique per incident); one without, if the stored engine state is its.
     * Ask before anything else is decided for the incident.
     */
    public Future<Optional<List<NotificationRecord>>> committed(Decision decision) {
        Integer[] pageIndexes = decision.pages().stream().map(PageToSend::pageIndex).toArray(Integer[]::new);
        Future<Boolean> stateIsIts = pool.preparedQuery(STATE_IS)
                .execute(Tuple.of(decision.incidentId(), decision.engineState()))
                .map(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
        Future<List<NotificationRecord>> queued = pool.preparedQuery(QUEUED_BY)
                .execute(Tuple.of(decision.incidentId(), pageIndexes,
                        offset(decision.at().truncatedTo(ChronoUnit.MICROS))))
                .map(rows -> {
                    List<NotificationRecord> records = new ArrayList<>(rows.size());
                    rows.forEach(row -> records.add(NotificationStore.record(row)));
                    return records;
                });
        return Future.all(stateIsIts, queued).map(both -> {
            boolean pagesRecorded = queued.result().stream().anyMatch(record -> record.notice().isEmpty());
            boolean committed = pageIndexes.length > 0 ? pagesRecorded : stateIsIts.result();
            return committed ? Optional.of(queued.result()) : Optional.empty();
        });
    }

    private Future<List<Optional<List<NotificationRecord>>>> saveBatch(List<Decision> batch) {
        List<Decision> decisions = new ArrayList<>(batch);
        decisions.sort(Comparator.comparingLong(Decision::incidentId));
        List<NotificationRecord> unsaved = new ArrayList<>();
        List<Integer> pageIndexes = new ArrayList<>();
        List<Long> lineIds = new ArrayList<>();
        List<TimelineEntry> lines = new ArrayList<>();
        for (Decision decision : decisions) {
            Instant at = decision.at().truncatedTo(ChronoUnit.MICROS);
            for (PageToSend page : decision.pages()) {
                unsaved.add(new NotificationRecord(0, decision.incidentId(), page.responder(), page.channel(),
                        page.step(), page.round(), NotificationStatus.QUEUED, 0, Optional.of(at), Optional.empty(),
                        at, at));
                pageIndexes.add(page.pageIndex());
            }
            for (NoticeToSend notice : decision.notices()) {
                unsaved.add(new NotificationRecord(0, decision.incidentId(), notice.responder(), notice.channel(),
                        notice.step(), notice.round(), NotificationStatus.QUEUED, 0, Optional.of(at),
                        Optional.empty(), at, at, Optional.of(new NotificationRecord.Notice(notice.title(),
                        notice.text()))));
                pageIndexes.add(null);
            }
            for (TimelineEntry entry : decision.timeline()) {
                lineIds.add(decision.incidentId());
                lines.add(entry);
            }
        }
        List<Object> columns = new ArrayList<>(26);
        columns.addAll(decisionColumns(decisions));
        columns.addAll(timelineColumns(lineIds, lines));
        columns.addAll(recordColumns(unsaved, pageIndexes));
        return pool.preparedQuery(SAVE).execute(Tuple.wrap(columns.toArray())).map(rows -> {
            Set<Long> saved = new HashSet<>();
            NotificationRecord[] recorded = new NotificationRecord[unsaved.size()];
            for (Row row : rows) {
                Long incidentId = row.getLong(0);
                if (incidentId != null) {
                    saved.add(incidentId);
                } else {
                    int index = row.getLong(1).intValue() - 1;
                    NotificationRecord r = unsaved.get(index);
                    recorded[index] = new NotificationRecord(row.getLong(2), r.incidentId(), r.responder(),
                            r.channel(), r.step(), r.round(), r.status(), r.attempts(), r.nextAttemptAt(),
                            r.lastError(), r.createdAt(), r.updatedAt(), r.notice());
                }
            }
            Map<Long, List<NotificationRecord>> byIncident = new HashMap<>();
            for (NotificationRecord record : recorded) {
                if (record != null) {
                    byIncident.computeIfAbsent(record.incidentId(), id -> new ArrayList<>()).add(record);
                }
            }
            List<Optional<List<NotificationRecord>>> results = new ArrayList<>(batch.size());
            for (Decision decision : batch) {
                results.add(saved.contains(decision.incidentId())
                        ? Optional.of(byIncident.getOrDefault(decision.incidentId(), List.of()))
                        : Optional.empty());
            }
            return results;
        });
    }

    private static List<Object> decisionColumns(List<Decision> decisions) {
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
        String[] incidentStatuses = new String[n];
        String[] actors = new String[n];
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
            incidentStatuses[i] = d.incidentStatus().wireName();
            actors[i] = d.actor();
        }
        return List.of(ids, versions, steps, rounds, nextDue, statuses, snoozedUntil, states, at, incidentStatuses,
                actors);
    }

    private static List<Object> timelineColumns(List<Long> incidentIds, List<TimelineEntry> lines) {
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
        return List.of(incidentIds.toArray(Long[]::new), at, kinds, actors, texts, fields);
    }

    private static List<Object> recordColumns(List<NotificationRecord> records, List<Integer> pageIndexes) {
        int n = records.size();
        Long[] incidentIds = new Long[n];
        String[] responders = new String[n];
        String[] channels = new String[n];
        Integer[] steps = new Integer[n];
        Integer[] rounds = new Integer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] titles = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            NotificationRecord record = records.get(i);
            incidentIds[i] = record.incidentId();
            responders[i] = record.responder();
            channels[i] = record.channel();
            steps[i] = record.step();
            rounds[i] = record.round();
            at[i] = offset(record.createdAt());
            titles[i] = record.notice().map(NotificationRecord.Notice::title).orElse(null);
            texts[i] = record.notice().map(NotificationRecord.Notice::text).orElse(null);
        }
        return List.of(incidentIds, responders, channels, steps, rounds, at, pageIndexes.toArray(Integer[]::new),
                titles, texts);
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
