package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Objects;

import static dev.limbic.store.IntakeWriter.offset;

/**
 * Deletes what is kept only for a configured time: received alert events and stress episodes. Each call deletes at
 * most {@code limit} rows (short transactions beside the intake); call again while it returns {@code limit}.
 */
public final class Retention {
    /** Events of open incidents stay: they are how a redelivery is recognised. */
    private static final String ALERT_EVENTS = """
            DELETE FROM alert_events WHERE id IN (
                SELECT e.id FROM alert_events e
                WHERE e.received_at < $1
                  AND (e.incident_id IS NULL OR NOT EXISTS (
                      SELECT 1 FROM incidents i WHERE i.id = e.incident_id AND i.status <> 'resolved'))
                LIMIT $2)""";
    private static final String STRESS_EPISODES = """
            DELETE FROM stress_episodes WHERE id IN (
                SELECT id FROM stress_episodes WHERE opened_at < $1 LIMIT $2)""";

    private final Pool pool;

    /** Retention in the database behind {@code pool}. */
    public Retention(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** Deletes up to {@code limit} alert events received before {@code cutoff}, except those of open incidents. */
    public Future<Integer> purgeAlertEventsBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(ALERT_EVENTS).execute(Tuple.of(offset(cutoff), limit)).map(rows -> rows.rowCount());
    }

    /** Deletes up to {@code limit} stress episodes opened before {@code cutoff}. */
    public Future<Integer> purgeStressEpisodesBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(STRESS_EPISODES).execute(Tuple.of(offset(cutoff), limit))
                .map(rows -> rows.rowCount());
    }
}
