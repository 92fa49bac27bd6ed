package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/**
 * What the escalation runtime reads and writes: an incident with its stored progress and the engine's state, and
 * one transaction that saves what the engine decided (progress, incident status, timeline, notification records of
 * the pages to send). The runtime hands pages to channels only after that transaction commits, so a crash repeats
 * at most the pages that were in flight.
 */
public final class EscalationLedger {
    private static final String LOAD = "SELECT i.id, i.integration, i.dedup_key, i.status, i.severity, i.summary,"
            + " i.source, i.labels, i.details::text AS details, i.policy_id, i.opened_at, i.acknowledged_at,"
            + " i.acknowledged_by, i.resolved_at, i.resolved_by, i.alert_count, i.last_alert_at,"
            + " p.policy_id AS p_policy_id,"
            + " p.step, p.round, p.next_due_at, p.status AS p_status, p.snoozed_until, p.version,"
            + " p.engine_state::text AS engine_state"
            + " FROM incidents i JOIN escalation_progress p ON p.incident_id = i.id WHERE i.id = $1";
    private static final String SAVE_PROGRESS = "UPDATE escalation_progress SET step = $3, round = $4,"
            + " next_due_at = $5, status = $6, snoozed_until = $7, engine_state = $8::text::jsonb,"
            + " version = version + 1, updated_at = $9 WHERE incident_id = $1 AND version = $2";
    private static final String ACKNOWLEDGE = "UPDATE incidents SET status = 'acknowledged',"
            + " acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by = coalesce(acknowledged_by, $3)"
            + " WHERE id = $1 AND status = 'triggered'";
    private static final String RESOLVE = "UPDATE incidents SET status = 'resolved', resolved_at = $2,"
            + " resolved_by = $3 WHERE id = $1 AND status <> 'resolved'";
    private static final String RETRIGGER = "UPDATE incidents SET status = 'triggered'"
            + " WHERE id = $1 AND status = 'acknowledged'";
    private static final String APPEND = "INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)"
            + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)";
    private static final String RECORD_PAGE = "INSERT INTO notifications (incident_id, responder, channel, step,"
            + " round, status, attempts, next_attempt_at, created_at, updated_at, page_index)"
            + " VALUES ($1, $2, $3, $4, $5, 'queued', 0, $6, $6, $6, $7) RETURNING " + NotificationStore.COLUMNS;
    private static final String MARK = "UPDATE notifications SET status = $2, channel = $3, attempts = attempts + $4,"
            + " next_attempt_at = NULL, last_error = $5, updated_at = $6 WHERE id = $1 AND status = 'queued'"
            + " RETURNING incident_id";
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

    private final Pool pool;

    /** The ledger in the database behind {@code pool}. */
    public EscalationLedger(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
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
        return pool.preparedQuery(LOAD).execute(Tuple.of(incidentId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            EscalationProgress progress = new EscalationProgress(incidentId, row.getString("p_policy_id"),
                    row.getInteger("step"), row.getInteger("round"),
                    Optional.ofNullable(instant(row.getOffsetDateTime("next_due_at"))),
                    EscalationStatus.fromWireName(row.getString("p_status")),
                    Optional.ofNullable(instant(row.getOffsetDateTime("snoozed_until"))), row.getLong("version"));
            return Optional.of(new Entry(IncidentStore.incident(row), progress,
                    Optional.ofNullable(row.getString("engine_state"))));
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
     * Saves {@code decision} in one transaction.
     *
     * @return the notification records of its pages, or empty (nothing saved) if the progress changed since it was
     * loaded: load again and decide again
     */
    public Future<Optional<List<NotificationRecord>>> save(Decision decision) {
        EscalationProgress p = decision.progress();
        Tuple progress = Tuple.of(decision.incidentId(), decision.expectedVersion(), p.step(), p.round(),
                offset(p.nextDueAt().orElse(null)), p.status().wireName(), offset(p.snoozedUntil().orElse(null)),
                decision.engineState(), offset(decision.at()));
        return pool.withTransaction(connection -> connection.preparedQuery(SAVE_PROGRESS).execute(progress)
                .compose(saved -> saved.rowCount() == 0
                        ? Future.succeededFuture(Optional.<List<NotificationRecord>>empty())
                        : writeRest(connection, decision).map(Optional::of)));
    }

    private Future<List<NotificationRecord>> writeRest(SqlConnection connection, Decision decision) {
        Tuple change = Tuple.of(decision.incidentId(), offset(decision.at()), decision.actor());
        List<Future<?>> writes = new ArrayList<>();
        writes.add(switch (decision.incidentStatus()) {
            case TRIGGERED -> connection.preparedQuery(RETRIGGER).execute(Tuple.of(decision.incidentId()));
            case ACKNOWLEDGED -> connection.preparedQuery(ACKNOWLEDGE).execute(change);
            case RESOLVED -> connection.preparedQuery(RESOLVE).execute(change);
        });
        for (TimelineEntry entry : decision.timeline()) {
            writes.add(connection.preparedQuery(APPEND).execute(Tuple.of(decision.incidentId(), offset(entry.at()),
                    entry.kind(), entry.actor(), entry.text(), entry.fieldsJson())));
        }
        List<Future<NotificationRecord>> records = new ArrayList<>();
        for (PageToSend page : decision.pages()) {
            records.add(connection.preparedQuery(RECORD_PAGE).execute(Tuple.of(decision.incidentId(),
                            page.responder(), page.channel(), page.step(), page.round(), offset(decision.at()),
                            page.pageIndex()))
                    .map(rows -> NotificationStore.record(rows.iterator().next())));
        }
        return Future.all(writes).compose(done -> Future.all(records))
                .map(done -> records.stream().map(Future::result).toList());
    }

    /**
     * Records how a queued notification's delivery ended, with a line on its incident's timeline. A record that is
     * no longer queued is left as it is.
     */
    public Future<Void> finishDelivery(long notificationId, boolean delivered, String channel, int attempts,
                                       String error, TimelineEntry entry) {
        Tuple mark = Tuple.of(notificationId, (delivered ? NotificationStatus.DELIVERED : NotificationStatus.FAILED)
                .wireName(), channel, attempts, delivered ? null : error, offset(entry.at()));
        return pool.withTransaction(connection -> connection.preparedQuery(MARK).execute(mark)
                .compose(rows -> rows.size() == 0 ? Future.<Void>succeededFuture()
                        : connection.preparedQuery(APPEND).execute(Tuple.of(rows.iterator().next().getLong(0),
                                offset(entry.at()), entry.kind(), entry.actor(), entry.text(), entry.fieldsJson()))
                        .<Void>mapEmpty()));
    }
}
