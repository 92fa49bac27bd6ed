package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/**
 * Records of pages sent to responders. Each (incident, responder, step, round, channel) is recorded once: queueing
 * it again after a restart finds the record instead of paging twice.
 */
public final class NotificationStore {
    static final String COLUMNS = "id, incident_id, responder, channel, step, round, status, attempts,"
            + " next_attempt_at, last_error, created_at, updated_at, notice_title, notice_text";
    private static final String ENQUEUE = "INSERT INTO notifications (incident_id, responder, channel, step, round,"
            + " status, attempts, next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'queued', 0,"
            + " $6, $6, $6) ON CONFLICT (incident_id, responder, step, round, channel)"
            + " WHERE page_index IS NULL AND notice_title IS NULL"
            + " DO NOTHING RETURNING " + COLUMNS;
    private static final String MARK = "UPDATE notifications SET status = $2, attempts = attempts + $3,"
            + " next_attempt_at = $4, last_error = coalesce($5, last_error), updated_at = $6 WHERE id = $1"
            + " RETURNING " + COLUMNS;
    private static final String QUEUED = "SELECT " + COLUMNS + " FROM notifications WHERE status = 'queued'"
            + " ORDER BY next_attempt_at, id";
    private static final String FOR_INCIDENT = "SELECT " + COLUMNS + " FROM notifications WHERE incident_id = $1"
            + " ORDER BY created_at, id";

    private static final String PAGES_SINCE = "SELECT n.responder, n.incident_id, n.created_at,"
            + " i.status <> 'resolved' AS open FROM notifications n JOIN incidents i ON i.id = n.incident_id"
            + " WHERE n.created_at >= $1 ORDER BY n.created_at, n.id";

    private final Pool pool;

    /**
     * A page recorded for a responder, as the load figures count it.
     *
     * @param responder      who was paged
     * @param incidentId     for which incident
     * @param at             when the page was recorded
     * @param incidentIsOpen whether that incident is still open
     */
    public record PageSent(String responder, long incidentId, Instant at, boolean incidentIsOpen) {
        public PageSent {
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Notification records in the database behind {@code pool}. */
    public NotificationStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Records a page to send now.
     *
     * @return the new record, or empty if this page (incident, responder, step, round, channel) was already recorded
     */
    public Future<Optional<NotificationRecord>> enqueue(long incidentId, String responder, String channel, int step,
                                                        int round, Instant at) {
        return pool.preparedQuery(ENQUEUE).execute(Tuple.of(incidentId, responder, channel, step, round, offset(at)))
                .map(NotificationStore::first);
    }

    /** The channel took the page (one attempt). */
    public Future<Optional<NotificationRecord>> markSent(long id, Instant at) {
        return mark(id, NotificationStatus.SENT, 1, null, null, at);
    }

    /** The channel confirmed delivery. */
    public Future<Optional<NotificationRecord>> markDelivered(long id, Instant at) {
        return mark(id, NotificationStatus.DELIVERED, 0, null, null, at);
    }

    /** An attempt failed in a way worth retrying at {@code nextAttemptAt}. */
    public Future<Optional<NotificationRecord>> markRetry(long id, String error, Instant nextAttemptAt, Instant at) {
        return mark(id, NotificationStatus.QUEUED, 1, nextAttemptAt, error, at);
    }

    /** An attempt failed for good. */
    public Future<Optional<NotificationRecord>> markFailed(long id, String error, Instant at) {
        return mark(id, NotificationStatus.FAILED, 1, null, error, at);
    }

    /**
     * Every page and notice still waiting to be sent (first attempts and retries), soonest first: what a restart
     * resumes.
     */
    public Future<List<NotificationRecord>> loadQueued() {
        return pool.preparedQuery(QUEUED).execute().map(NotificationStore::all);
    }

    /** Every page sent for an incident, oldest first. */
    public Future<List<NotificationRecord>> forIncident(long incidentId) {
        return pool.preparedQuery(FOR_INCIDENT).execute(Tuple.of(incidentId)).map(NotificationStore::all);
    }

    /** Every page recorded at or after {@code since}, oldest first: what a restart restores the load figures from. */
    public Future<List<PageSent>> pagesSince(Instant since) {
        return pool.preparedQuery(PAGES_SINCE).execute(Tuple.of(offset(Objects.requireNonNull(since, "since"))))
                .map(rows -> {
                    List<PageSent> pages = new ArrayList<>(rows.size());
                    rows.forEach(row -> pages.add(new PageSent(row.getString("responder"), row.getLong("incident_id"),
                            instant(row.getOffsetDateTime("created_at")), row.getBoolean("open"))));
                    return pages;
                });
    }

    private Future<Optional<NotificationRecord>> mark(long id, NotificationStatus status, int attempts,
                                                      Instant nextAttemptAt, String error, Instant at) {
        return pool.preparedQuery(MARK).execute(Tuple.of(id, status.wireName(), attempts, offset(nextAttemptAt),
                error, offset(at))).map(NotificationStore::first);
    }

    static Optional<NotificationRecord> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(record(rows.iterator().next()));
    }

    private static List<NotificationRecord> all(RowSet<Row> rows) {
        List<NotificationRecord> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(record(row)));
        return all;
    }

    static NotificationRecord record(Row row) {
        return new NotificationRecord(row.getLong("id"), row.getLong("incident_id"), row.getString("responder"),
                row.getString("channel"), row.getInteger("step"), row.getInteger("round"),
                NotificationStatus.fromWireName(row.getString("status")), row.getInteger("attempts"),
                Optional.ofNullable(instant(row.getOffsetDateTime("next_attempt_at"))),
                Optional.ofNullable(row.getString("last_error")), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")),
                Optional.ofNullable(row.getString("notice_title")).map(title -> new NotificationRecord.Notice(title,
                        Objects.requireNonNullElse(row.getString("notice_text"), ""))));
    }
}
