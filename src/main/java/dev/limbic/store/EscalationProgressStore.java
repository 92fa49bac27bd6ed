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
 * Escalation progress as stored: the engine loads what is due, saves what it did (guarded by version), and on
 * restart loads every unfinished escalation to re-arm its timer. The initial progress of a new incident is written
 * by {@link DurableAlertIntake} in the transaction that opens it.
 */
public final class EscalationProgressStore {
    private static final String COLUMNS = "incident_id, policy_id, step, round, next_due_at, status, snoozed_until,"
            + " version";
    private static final String GET = "SELECT " + COLUMNS + " FROM escalation_progress WHERE incident_id = $1";
    private static final String UNFINISHED = "SELECT " + COLUMNS + " FROM escalation_progress"
            + " WHERE status <> 'done' ORDER BY next_due_at NULLS LAST, incident_id";
    private static final String DUE = "SELECT " + COLUMNS + " FROM escalation_progress"
            + " WHERE status <> 'done' AND next_due_at <= $1 ORDER BY next_due_at, incident_id";
    private static final String SAVE = "UPDATE escalation_progress SET policy_id = $3, step = $4, round = $5,"
            + " next_due_at = $6, status = $7, snoozed_until = $8, version = version + 1, updated_at = $9"
            + " WHERE incident_id = $1 AND version = $2 RETURNING " + COLUMNS;

    private final Pool pool;

    /** Progress in the database behind {@code pool}. */
    public EscalationProgressStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The progress of incident {@code incidentId}, if it has any (incidents without a policy have none). */
    public Future<Optional<EscalationProgress>> get(long incidentId) {
        return pool.preparedQuery(GET).execute(Tuple.of(incidentId)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(progress(rows.iterator().next())));
    }

    /** Every escalation not done, soonest due first: what a restart must resume. */
    public Future<List<EscalationProgress>> loadUnfinished() {
        return pool.preparedQuery(UNFINISHED).execute().map(EscalationProgressStore::all);
    }

    /** Every escalation not done whose next due time is at or before {@code now}, soonest first. */
    public Future<List<EscalationProgress>> loadDue(Instant now) {
        return pool.preparedQuery(DUE).execute(Tuple.of(offset(now))).map(EscalationProgressStore::all);
    }

    /**
     * Saves {@code progress} if the stored version is still {@code progress.version()}.
     *
     * @param at when the engine decided it
     * @return the saved progress with its new version, or empty if someone saved in between (reload and decide
     * again) or the incident has no progress
     */
    public Future<Optional<EscalationProgress>> save(EscalationProgress progress, Instant at) {
        Tuple row = Tuple.of(progress.incidentId(), progress.version(), progress.policyId(), progress.step(),
                progress.round(), offset(progress.nextDueAt().orElse(null)), progress.status().wireName(),
                offset(progress.snoozedUntil().orElse(null)), offset(at));
        return pool.preparedQuery(SAVE).execute(row).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(progress(rows.iterator().next())));
    }

    private static List<EscalationProgress> all(RowSet<Row> rows) {
        List<EscalationProgress> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(progress(row)));
        return all;
    }

    private static EscalationProgress progress(Row row) {
        return new EscalationProgress(row.getLong("incident_id"), row.getString("policy_id"), row.getInteger("step"),
                row.getInteger("round"), Optional.ofNullable(instant(row.getOffsetDateTime("next_due_at"))),
                EscalationStatus.fromWireName(row.getString("status")),
                Optional.ofNullable(instant(row.getOffsetDateTime("snoozed_until"))), row.getLong("version"));
    }
}
