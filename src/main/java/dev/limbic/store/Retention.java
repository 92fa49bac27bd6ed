package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import static dev.limbic.store.IntakeWriter.offset;

/**
 * Deletes what is kept only for a configured time: received alert events, resolved incidents (with their timelines,
 * escalation progress and notification records) and stress episodes. Open incidents and their events always stay.
 * Each purge call deletes at most {@code limit} rows (short transactions beside the intake); {@link #sweep} calls
 * them until everything past its cutoff is gone.
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
    /** Timelines, escalation progress and notifications go with their incident (ON DELETE CASCADE). */
    private static final String RESOLVED_INCIDENTS = """
            DELETE FROM incidents WHERE id IN (
                SELECT id FROM incidents WHERE status = 'resolved' AND resolved_at < $1 LIMIT $2)""";
    private static final String STRESS_EPISODES = """
            DELETE FROM stress_episodes WHERE id IN (
                SELECT id FROM stress_episodes WHERE opened_at < $1 LIMIT $2)""";

    /** Rows deleted per statement by {@link #sweep}. */
    public static final int SWEEP_BATCH = 1000;

    private final Pool pool;

    /**
     * What one sweep deleted.
     *
     * @param alertEvents       alert events received before the incident cutoff (not of open incidents)
     * @param resolvedIncidents incidents resolved before the incident cutoff
     * @param stressEpisodes    stress episodes opened before the episode cutoff
     */
    public record Purged(long alertEvents, long resolvedIncidents, long stressEpisodes) {
        /** Whether anything was deleted. */
        public boolean any() {
            return alertEvents + resolvedIncidents + stressEpisodes > 0;
        }
    }

    /** Retention in the database behind {@code pool}. */
    public Retention(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Deletes everything past its cutoff, {@value #SWEEP_BATCH} rows per statement: alert events received and
     * incidents resolved before {@code incidentsBefore} (events first: they name their incident), and stress
     * episodes opened before {@code episodesBefore}.
     */
    public Future<Purged> sweep(Instant incidentsBefore, Instant episodesBefore) {
        Objects.requireNonNull(incidentsBefore, "incidentsBefore");
        Objects.requireNonNull(episodesBefore, "episodesBefore");
        return untilDone(() -> purgeAlertEventsBefore(incidentsBefore, SWEEP_BATCH), 0)
                .compose(events -> untilDone(() -> purgeResolvedIncidentsBefore(incidentsBefore, SWEEP_BATCH), 0)
                        .compose(incidents -> untilDone(() -> purgeStressEpisodesBefore(episodesBefore, SWEEP_BATCH), 0)
                                .map(episodes -> new Purged(events, incidents, episodes))));
    }

    /** Deletes up to {@code limit} alert events received before {@code cutoff}, except those of open incidents. */
    public Future<Integer> purgeAlertEventsBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(ALERT_EVENTS).execute(Tuple.of(offset(cutoff), limit)).map(rows -> rows.rowCount());
    }

    /**
     * Deletes up to {@code limit} incidents resolved before {@code cutoff}, with their timelines, escalation progress
     * and notification records. Stress episodes linked to them stay (unlinked) until their own retention ends.
     */
    public Future<Integer> purgeResolvedIncidentsBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(RESOLVED_INCIDENTS).execute(Tuple.of(offset(cutoff), limit))
                .map(rows -> rows.rowCount());
    }

    /** Deletes up to {@code limit} stress episodes opened before {@code cutoff}. */
    public Future<Integer> purgeStressEpisodesBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(STRESS_EPISODES).execute(Tuple.of(offset(cutoff), limit))
                .map(rows -> rows.rowCount());
    }

    private static Future<Long> untilDone(Supplier<Future<Integer>> batch, long sofar) {
        return batch.get().compose(deleted -> deleted < SWEEP_BATCH
                ? Future.succeededFuture(sofar + deleted)
                : untilDone(batch, sofar + deleted));
    }
}
