package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.store.IntakePlanner.IncidentDraft;
import dev.limbic.store.IntakePlanner.IncidentKey;
import dev.limbic.store.IntakePlanner.OpenIncident;
import dev.limbic.store.IntakePlanner.Plan;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import dev.limbic.store.IntakePlanner.TimelineDraft;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Commits one batch of alert events in one transaction: locks the open incidents the batch names, plans the batch
 * in memory, then writes the changes to open incidents, and in one more statement the new incidents, events, timeline
 * lines and escalation progress (arrays unnested server-side), pipelined on the connection. A redelivery (a trigger whose content the open incident
 * already recorded) changes nothing and writes no row; {@link #peek} recognises redeliveries without a transaction.
 */
final class IntakeWriter {
    /** The open incidents a batch will change, locked in id order (so two writers cannot deadlock). */
    private static final String LOCK_OPEN = """
            SELECT id, integration, dedup_key, status, alert_count, last_alert_at, acknowledged_at, acknowledged_by
            FROM incidents
            WHERE status <> 'resolved'
              AND (integration, dedup_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY id
            FOR NO KEY UPDATE""";
    /**
     * The open incidents a batch names, read without locking them, one row per event: each key looked up by the
     * one-open-per-key index (the LIMIT keeps the planner from scanning the whole incidents table instead, which its
     * generic plan for the IN form above did here, at a cost that grew with the table), and for a trigger, its content
     * if that incident recorded it already.
     */
    private static final String READ_OPEN = """
            SELECT i.id, i.integration, i.dedup_key, i.status, i.alert_count, i.last_alert_at, i.acknowledged_at,
                   i.acknowledged_by,
                   CASE WHEN EXISTS (SELECT 1 FROM alert_events e
                                     WHERE e.incident_id = i.id AND e.idempotency_key = u.idempotency_key)
                        THEN u.idempotency_key END AS recorded
            FROM unnest($1::text[], $2::text[], $3::text[]) AS u(integration, dedup_key, idempotency_key)
            CROSS JOIN LATERAL (SELECT * FROM incidents
                                WHERE integration = u.integration AND dedup_key = u.dedup_key
                                  AND status <> 'resolved'
                                LIMIT 1) i""";
    /**
     * Which of the batch's triggers are already recorded on the open incident for their key: joined on the key, not
     * on incident ids, so it is sent together with the locked read of the open incidents (one round trip). Each trigger looks up its
     * incident by the one-open-per-key index, then its content by the events' index; the LIMITs keep the planner
     * from hashing whole tables instead (which it does, its row estimates for the arrays being blind, and which costs
     * time in proportion to the tables).
     */
    private static final String LOAD_RECORDED = """
            SELECT i.id, u.idempotency_key
            FROM unnest($1::text[], $2::text[], $3::text[]) AS u(integration, dedup_key, idempotency_key)
            CROSS JOIN LATERAL (SELECT id FROM incidents
                                WHERE integration = u.integration AND dedup_key = u.dedup_key
                                  AND status <> 'resolved'
                                LIMIT 1) i
            CROSS JOIN LATERAL (SELECT 1 FROM alert_events e
                                WHERE e.incident_id = i.id AND e.idempotency_key = u.idempotency_key
                                LIMIT 1) recorded""";
    private static final String ALLOCATE_IDS = "SELECT nextval('incident_ids') FROM generate_series(1, $1::int)";
    /**
     * Everything new a batch writes, in one statement (one round trip, and one statement for the server to run
     * instead of four): new incidents, the events, timeline lines and new incidents' escalation progress. The
     * references to new incidents are checked at the end of the statement, when all of its rows are in.
     */
    private static final String INSERT_ALL = """
            WITH new_incidents AS (
                INSERT INTO incidents (id, integration, dedup_key, status, severity, summary, source, labels, details,
                                       policy_id, opened_at, acknowledged_at, acknowledged_by, resolved_at,
                                       resolved_by, alert_count, last_alert_at)
                SELECT id, integration, dedup_key, status, severity, summary, source, labels::jsonb, details::jsonb,
                       policy_id, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by,
                       alert_count, last_alert_at
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[],
                            $14::timestamptz[], $15::text[], $16::int[], $17::timestamptz[])
                     AS u(id, integration, dedup_key, status, severity, summary, source, labels, details,
                          policy_id, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by,
                          alert_count, last_alert_at)),
            events AS (
                INSERT INTO alert_events (received_at, integration, dedup_key, action, severity, summary, source,
                                          labels, details, idempotency_key, outcome, incident_id)
                SELECT received_at, integration, dedup_key, action, severity, summary, source,
                       labels::jsonb, details::jsonb, idempotency_key, outcome, incident_id
                FROM unnest($18::timestamptz[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[],
                            $24::text[], $25::text[], $26::text[], $27::text[], $28::text[], $29::bigint[])
                     AS u(received_at, integration, dedup_key, action, severity, summary, source,
                          labels, details, idempotency_key, outcome, incident_id)),
            lines AS (
                INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)
                SELECT incident_id, at, kind, actor, text, '{}'::jsonb
                FROM unnest($30::bigint[], $31::timestamptz[], $32::text[], $33::text[], $34::text[])
                     AS u(incident_id, at, kind, actor, text)),
            progress AS (
                INSERT INTO escalation_progress (incident_id, policy_id, step, round, next_due_at, status, version,
                                                 updated_at)
                SELECT incident_id, policy_id, 0, 0, next_due_at, status, 0, updated_at
                FROM unnest($35::bigint[], $36::text[], $37::timestamptz[], $38::text[], $39::timestamptz[])
                     AS u(incident_id, policy_id, next_due_at, status, updated_at))
            SELECT 1""";
    private static final String UPDATE_INCIDENTS = """
            UPDATE incidents i
            SET status = u.status, acknowledged_at = u.acknowledged_at, acknowledged_by = u.acknowledged_by,
                resolved_at = u.resolved_at, resolved_by = u.resolved_by, alert_count = u.alert_count,
                last_alert_at = u.last_alert_at
            FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::text[],
                        $7::int[], $8::timestamptz[])
                 AS u(id, status, acknowledged_at, acknowledged_by, resolved_at, resolved_by, alert_count,
                      last_alert_at)
            WHERE i.id = u.id""";
    private static final String UPDATE_PROGRESS = """
            UPDATE escalation_progress p
            SET status = u.status,
                next_due_at = CASE WHEN u.status = 'done' THEN NULL ELSE p.next_due_at END,
                snoozed_until = CASE WHEN u.status = 'done' THEN NULL ELSE p.snoozed_until END,
                version = p.version + 1, updated_at = u.updated_at
            FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS u(incident_id, status, updated_at)
            WHERE p.incident_id = u.incident_id AND p.status <> 'done'""";

    private static final String[] ACTION_NAMES = Arrays.stream(AlertAction.values())
            .map(action -> action.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final String[] OUTCOME_NAMES = Arrays.stream(IntakeOutcome.Kind.values())
            .map(kind -> kind.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    /** New incidents' ids taken from the sequence ahead of need, lowest first. */
    private static final int RESERVED_IDS = 200;

    private final Pool pool;
    private final ArrayDeque<Long> reservedIds = new ArrayDeque<>();

    IntakeWriter(Pool pool) {
        this.pool = pool;
    }

    /** Commits {@code events}; the future completes with their outcomes, in order, after the commit. */
    Future<List<IntakeOutcome>> commit(List<PlannedEvent> events) {
        return pool.withConnection(connection -> {
            // Round trips saved: BEGIN goes out with the first reads, and COMMIT is asked for as soon as the writes
            // are sent. The client sends it once every statement has answered, or ROLLBACK instead if any failed.
            Future<Transaction> begun = connection.begin();
            Transaction transaction = connection.transaction();
            Future<List<IntakeOutcome>> committed = lockOpen(connection, events).compose(open -> {
                Plan plan = IntakePlanner.plan(events, open);
                return allocateIds(connection, plan.created().size()).compose(ids -> {
                    for (int i = 0; i < ids.length; i++) {
                        plan.created().get(i).id = ids[i];
                    }
                    Future<Void> written = write(connection, events, plan);
                    Future<Void> commit = transaction.commit();
                    return Future.join(written, commit).transform(done -> done.succeeded()
                            ? Future.succeededFuture(plan.outcomes())
                            : Future.failedFuture(written.failed() ? written.cause() : commit.cause()));
                });
            });
            return committed.transform(done -> {
                if (done.succeeded()) {
                    return Future.succeededFuture(done.result());
                }
                Throwable cause = begun.failed() ? begun.cause() : done.cause();
                // Ends the transaction if a read failed before the commit was asked for (else already ended).
                return transaction.rollback().transform(ended -> Future.failedFuture(cause));
            });
        });
    }

    /**
     * Reads, without locking or writing, the open incidents {@code events} name and which of their triggers those
     * incidents already recorded: enough to recognise redeliveries, which change nothing and need no transaction.
     */
    Future<Map<IncidentKey, OpenIncident>> peek(List<PlannedEvent> events) {
        return pool.preparedQuery(READ_OPEN).execute(keyColumns(events)).map(rows -> {
            Map<IncidentKey, Row> incidents = new HashMap<>();
            Map<IncidentKey, Set<String>> recorded = new HashMap<>();
            for (Row row : rows) {
                IncidentKey key = new IncidentKey(row.getString(1), row.getString(2));
                incidents.putIfAbsent(key, row);
                String content = row.getString(8);
                if (content != null) {
                    recorded.computeIfAbsent(key, k -> new HashSet<>()).add(content);
                }
            }
            Map<IncidentKey, OpenIncident> open = new HashMap<>();
            incidents.forEach((key, row) -> open.put(key, openIncident(row, recorded.getOrDefault(key, Set.of()))));
            return open;
        });
    }

    /**
     * The open incidents {@code events} name, with the triggers each already recorded, locked for this transaction
     * (in id order, so two writers cannot deadlock). Both queries go out at once.
     */
    private Future<Map<IncidentKey, OpenIncident>> lockOpen(SqlConnection connection, List<PlannedEvent> events) {
        Set<IncidentKey> keys = new LinkedHashSet<>();
        List<PlannedEvent> triggers = new ArrayList<>(events.size());
        for (PlannedEvent planned : events) {
            keys.add(IncidentKey.of(planned.event()));
            if (planned.event().action() == AlertAction.TRIGGER) {
                triggers.add(planned);
            }
        }
        String[] integrations = new String[keys.size()];
        String[] dedupKeys = new String[keys.size()];
        int k = 0;
        for (IncidentKey key : keys) {
            integrations[k] = key.integration();
            dedupKeys[k++] = key.dedupKey();
        }
        Future<RowSet<Row>> openRows = connection.preparedQuery(LOCK_OPEN).execute(columns(integrations, dedupKeys));
        Future<Map<Long, Set<String>>> recorded = triggers.isEmpty()
                ? Future.succeededFuture(Map.of())
                : connection.preparedQuery(LOAD_RECORDED).execute(keyColumns(triggers))
                .map(IntakeWriter::recordedKeysByIncident);
        return Future.all(openRows, recorded).map(both -> {
            Map<Long, Set<String>> byIncident = recorded.result();
            Map<IncidentKey, OpenIncident> open = new HashMap<>();
            for (Row row : openRows.result()) {
                open.put(new IncidentKey(row.getString(1), row.getString(2)),
                        openIncident(row, byIncident.getOrDefault(row.getLong(0), Set.of())));
            }
            return open;
        });
    }

    /** An open incident from its row (id, integration, dedup key, status, alert count, last alert, acknowledged). */
    private static OpenIncident openIncident(Row row, Set<String> recordedKeys) {
        return new OpenIncident(row.getLong(0), IncidentStatus.fromWireName(row.getString(3)), row.getInteger(4),
                instant(row.getOffsetDateTime(5)), instant(row.getOffsetDateTime(6)), row.getString(7), recordedKeys);
    }

    /** Each event's integration, dedup key and, for a trigger, idempotency key (null for the others). */
    private static Tuple keyColumns(List<PlannedEvent> events) {
        int n = events.size();
        String[] integrations = new String[n];
        String[] dedupKeys = new String[n];
        String[] idempotencyKeys = new String[n];
        for (int i = 0; i < n; i++) {
            PlannedEvent planned = events.get(i);
            integrations[i] = planned.event().integration();
            dedupKeys[i] = planned.event().dedupKey();
            idempotencyKeys[i] = planned.event().action() == AlertAction.TRIGGER ? planned.idempotencyKey() : null;
        }
        return columns(integrations, dedupKeys, idempotencyKeys);
    }

    private static Map<Long, Set<String>> recordedKeysByIncident(RowSet<Row> rows) {
        Map<Long, Set<String>> byIncident = new HashMap<>();
        for (Row row : rows) {
            byIncident.computeIfAbsent(row.getLong(0), id -> new HashSet<>()).add(row.getString(1));
        }
        return byIncident;
    }

    /**
     * Ids for {@code count} new incidents, from the ids reserved earlier, reserving {@value #RESERVED_IDS} more in the
     * same query when they run out: most commits then need no round trip for ids. Ids reserved and not used by the
     * time the gateway stops are skipped, as a sequence's cached values are.
     */
    private Future<long[]> allocateIds(SqlConnection connection, int count) {
        synchronized (reservedIds) {
            if (reservedIds.size() >= count) {
                return Future.succeededFuture(takeReserved(count));
            }
        }
        return connection.preparedQuery(ALLOCATE_IDS).execute(Tuple.of(count + RESERVED_IDS)).map(rows -> {
            synchronized (reservedIds) {
                for (Row row : rows) {
                    reservedIds.add(row.getLong(0));
                }
                return takeReserved(count);
            }
        });
    }

    private long[] takeReserved(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = reservedIds.poll();
        }
        return ids;
    }

    /** Sends every write without waiting in between (the connection pipelines them, in order). */
    private Future<Void> write(SqlConnection connection, List<PlannedEvent> events, Plan plan) {
        List<Future<?>> writes = new ArrayList<>(3);
        if (!plan.changed().isEmpty()) {
            // First, on its own: a resolve in this batch must close the old incident before a new one for its key is
            // inserted (the one-open-incident-per-key index is checked row by row).
            writes.add(connection.preparedQuery(UPDATE_INCIDENTS).execute(incidentUpdates(plan.changed())));
        }
        int recordedEvents = recordedEvents(plan);
        if (!plan.created().isEmpty() || recordedEvents > 0 || !plan.timeline().isEmpty()) {
            List<Object> inserts = new ArrayList<>(39);
            inserts.addAll(incidentRows(plan.created()));
            inserts.addAll(eventRows(events, plan, recordedEvents));
            inserts.addAll(timelineRows(plan.timeline()));
            inserts.addAll(progressRows(plan.created()));
            writes.add(connection.preparedQuery(INSERT_ALL).execute(Tuple.wrap(inserts.toArray())));
        }
        Tuple progressUpdates = progressUpdates(plan.changed());
        if (progressUpdates != null) {
            writes.add(connection.preparedQuery(UPDATE_PROGRESS).execute(progressUpdates));
        }
        return Future.all(writes).mapEmpty();
    }

    private static List<Object> incidentRows(List<IncidentDraft> created) {
        int n = created.size();
        Long[] ids = new Long[n];
        String[] integrations = new String[n];
        String[] dedupKeys = new String[n];
        String[] severities = new String[n];
        String[] summaries = new String[n];
        String[] sources = new String[n];
        String[] labels = new String[n];
        String[] details = new String[n];
        String[] policies = new String[n];
        OffsetDateTime[] openedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IncidentDraft draft = created.get(i);
            AlertEvent opening = draft.opening;
            ids[i] = draft.id;
            integrations[i] = opening.integration();
            dedupKeys[i] = opening.dedupKey();
            severities[i] = opening.severity().wireName();
            summaries[i] = opening.summary();
            sources[i] = opening.source();
            labels[i] = draft.openingLabelsJson;
            details[i] = opening.detailsJson();
            policies[i] = draft.policyId;
            openedAt[i] = offset(opening.receivedAt());
        }
        StatusColumns status = StatusColumns.of(created);
        return List.of(ids, integrations, dedupKeys, status.statuses, severities, summaries, sources, labels, details,
                policies, openedAt, status.acknowledgedAt, status.acknowledgedBy, status.resolvedAt, status.resolvedBy,
                status.alertCounts, status.lastAlertAt);
    }

    private static Tuple incidentUpdates(List<IncidentDraft> changed) {
        Long[] ids = changed.stream().map(draft -> draft.id).toArray(Long[]::new);
        StatusColumns status = StatusColumns.of(changed);
        return columns(ids, status.statuses, status.acknowledgedAt, status.acknowledgedBy, status.resolvedAt,
                status.resolvedBy, status.alertCounts, status.lastAlertAt);
    }

    /** The columns that an incident's status and its alerts decide, one array element per draft. */
    private static final class StatusColumns {
        final String[] statuses;
        final OffsetDateTime[] acknowledgedAt;
        final String[] acknowledgedBy;
        final OffsetDateTime[] resolvedAt;
        final String[] resolvedBy;
        final Integer[] alertCounts;
        final OffsetDateTime[] lastAlertAt;

        private StatusColumns(int n) {
            statuses = new String[n];
            acknowledgedAt = new OffsetDateTime[n];
            acknowledgedBy = new String[n];
            resolvedAt = new OffsetDateTime[n];
            resolvedBy = new String[n];
            alertCounts = new Integer[n];
            lastAlertAt = new OffsetDateTime[n];
        }

        static StatusColumns of(List<IncidentDraft> drafts) {
            StatusColumns columns = new StatusColumns(drafts.size());
            for (int i = 0; i < drafts.size(); i++) {
                IncidentDraft draft = drafts.get(i);
                columns.statuses[i] = draft.status.wireName();
                columns.acknowledgedAt[i] = offset(draft.acknowledgedAt);
                columns.acknowledgedBy[i] = draft.acknowledgedBy;
                columns.resolvedAt[i] = offset(draft.resolvedAt);
                columns.resolvedBy[i] = draft.resolvedBy;
                columns.alertCounts[i] = draft.alertCount;
                columns.lastAlertAt[i] = offset(draft.lastAlertAt);
            }
            return columns;
        }
    }

    /**
     * How many events get a row: each that did something or was ignored; none for a redelivery (its content is
     * already recorded on the incident, and an alert storm re-sends the same alerts many times).
     */
    private static int recordedEvents(Plan plan) {
        int n = 0;
        for (IntakeOutcome.Kind kind : plan.kinds()) {
            if (kind != IntakeOutcome.Kind.REPEATED) {
                n++;
            }
        }
        return n;
    }

    /** The rows of the {@code n} {@linkplain #recordedEvents recorded events}. */
    private static List<Object> eventRows(List<PlannedEvent> events, Plan plan, int n) {
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        String[] integrations = new String[n];
        String[] dedupKeys = new String[n];
        String[] actions = new String[n];
        String[] severities = new String[n];
        String[] summaries = new String[n];
        String[] sources = new String[n];
        String[] labels = new String[n];
        String[] details = new String[n];
        String[] idempotencyKeys = new String[n];
        String[] outcomes = new String[n];
        Long[] incidentIds = new Long[n];
        int i = 0;
        for (int e = 0; e < events.size(); e++) {
            if (plan.kinds()[e] == IntakeOutcome.Kind.REPEATED) {
                continue;
            }
            PlannedEvent planned = events.get(e);
            AlertEvent event = planned.event();
            receivedAt[i] = offset(event.receivedAt());
            integrations[i] = event.integration();
            dedupKeys[i] = event.dedupKey();
            actions[i] = ACTION_NAMES[event.action().ordinal()];
            severities[i] = event.severity().wireName();
            summaries[i] = event.summary();
            sources[i] = event.source();
            labels[i] = planned.labelsJson();
            details[i] = event.detailsJson();
            idempotencyKeys[i] = planned.idempotencyKey();
            outcomes[i] = OUTCOME_NAMES[plan.kinds()[e].ordinal()];
            incidentIds[i] = plan.incidents()[e] == null ? null : plan.incidents()[e].id;
            i++;
        }
        return List.of(receivedAt, integrations, dedupKeys, actions, severities, summaries, sources, labels, details,
                idempotencyKeys, outcomes, incidentIds);
    }

    private static List<Object> timelineRows(List<TimelineDraft> timeline) {
        int n = timeline.size();
        Long[] incidentIds = new Long[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] kinds = new String[n];
        String[] actors = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            TimelineDraft line = timeline.get(i);
            incidentIds[i] = line.incident().id;
            at[i] = offset(line.at());
            kinds[i] = line.kind();
            actors[i] = line.actor();
            texts[i] = line.text();
        }
        return List.of(incidentIds, at, kinds, actors, texts);
    }

    /** Initial progress for every new incident with a policy: due at once, unless already acked or resolved. */
    private static List<Object> progressRows(List<IncidentDraft> created) {
        List<IncidentDraft> routed = created.stream().filter(draft -> draft.policyId != null).toList();
        int n = routed.size();
        Long[] incidentIds = new Long[n];
        String[] policies = new String[n];
        OffsetDateTime[] nextDueAt = new OffsetDateTime[n];
        String[] statuses = new String[n];
        OffsetDateTime[] updatedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IncidentDraft draft = routed.get(i);
            EscalationStatus status = escalationStatus(draft.status);
            incidentIds[i] = draft.id;
            policies[i] = draft.policyId;
            nextDueAt[i] = status == EscalationStatus.DONE ? null : offset(draft.opening.receivedAt());
            statuses[i] = status.wireName();
            updatedAt[i] = offset(draft.lastAlertAt);
        }
        return List.of(incidentIds, policies, nextDueAt, statuses, updatedAt);
    }

    /** Acknowledged or resolved existing incidents: their escalation status follows. */
    private static Tuple progressUpdates(List<IncidentDraft> changed) {
        List<IncidentDraft> moved = changed.stream().filter(IncidentDraft::statusChanged).toList();
        if (moved.isEmpty()) {
            return null;
        }
        int n = moved.size();
        Long[] incidentIds = new Long[n];
        String[] statuses = new String[n];
        OffsetDateTime[] updatedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            IncidentDraft draft = moved.get(i);
            incidentIds[i] = draft.id;
            statuses[i] = escalationStatus(draft.status).wireName();
            updatedAt[i] = offset(draft.resolvedAt != null ? draft.resolvedAt : draft.acknowledgedAt);
        }
        return columns(incidentIds, statuses, updatedAt);
    }

    /**
     * One parameter per value, arrays included ({@code Tuple.of} would spread a trailing array over several
     * parameters).
     */
    static Tuple columns(Object... values) {
        return Tuple.wrap(values);
    }

    static EscalationStatus escalationStatus(IncidentStatus status) {
        return switch (status) {
            case TRIGGERED -> EscalationStatus.ACTIVE;
            case ACKNOWLEDGED -> EscalationStatus.ACKNOWLEDGED;
            case RESOLVED -> EscalationStatus.DONE;
        };
    }


    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
