package dev.limbic.store;

import dev.limbic.care.StressEpisode;
import dev.limbic.stress.StressState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/**
 * Stress episodes as the stress-aware rules ({@link dev.limbic.care.StressEpisodes}) open and close them, kept for
 * the configured episode retention ({@link Retention}). Stores derived facts only: who, which incident, when, what
 * opened and closed the episode and the highest state reached; never heart rate or samples. A responder has at most
 * one open episode: opening a new one closes one left open (by a restart, say).
 */
public final class StressEpisodeStore {
    /** Why an episode left open is closed when the same responder's next one opens. */
    public static final String SUPERSEDED = "superseded by a newer episode";
    private static final String COLUMNS = "id, episode_key, responder, incident_id, kind, verdict, peak_state, reason,"
            + " opened_at, closed_at, close_reason";
    private static final String CLOSE_LEFT_OPEN = "UPDATE stress_episodes SET closed_at = greatest(opened_at, $2),"
            + " close_reason = $3 WHERE responder = $1 AND closed_at IS NULL AND episode_key <> $4";
    private static final String OPEN = "INSERT INTO stress_episodes (episode_key, responder, incident_id, kind, verdict,"
            + " peak_state, reason, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            + " ON CONFLICT (episode_key) DO NOTHING RETURNING " + COLUMNS;
    private static final String CLOSE = "UPDATE stress_episodes SET closed_at = greatest(opened_at, $2),"
            + " close_reason = $3 WHERE episode_key = $1 AND closed_at IS NULL RETURNING " + COLUMNS;
    private static final String CLOSE_ALL = "UPDATE stress_episodes SET closed_at = greatest(opened_at, $1),"
            + " close_reason = $2 WHERE closed_at IS NULL";
    private static final String RAISE_PEAK = "UPDATE stress_episodes SET peak_state = $2 WHERE responder = $1"
            + " AND closed_at IS NULL AND array_position(ARRAY['unknown', 'calm', 'elevated', 'acute'], peak_state)"
            + " < array_position(ARRAY['unknown', 'calm', 'elevated', 'acute'], $2)";
    private static final String FOR_INCIDENT = "SELECT " + COLUMNS + " FROM stress_episodes WHERE incident_id = $1"
            + " ORDER BY opened_at, id";
    private static final String FOR_RESPONDER = "SELECT " + COLUMNS + " FROM stress_episodes WHERE responder = $1"
            + " AND opened_at >= $2 ORDER BY opened_at DESC, id DESC LIMIT $3";

    private final Pool pool;

    /** Stress episodes in the database behind {@code pool}. */
    public StressEpisodeStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Records an episode that opened, closing the responder's episode left open if there is one (as
     * {@link #SUPERSEDED}, at this one's opening).
     *
     * @param episode the episode as the rules opened it; its incident id must be an incident number
     * @param state   the responder's stress state at the opening (the first peak)
     * @param reason  why it opened, in words for people (never heart rate)
     * @return the new record, or empty if this episode ({@link StressEpisode#id()}) was already recorded
     * @throws IllegalArgumentException (as a failed future) when the incident id is not a number
     */
    public Future<Optional<StressEpisodeRecord>> open(StressEpisode episode, StressState state, String reason) {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        long incidentId;
        try {
            incidentId = Long.parseLong(episode.incidentId());
        } catch (NumberFormatException e) {
            return Future.failedFuture(new IllegalArgumentException("incident id '" + episode.incidentId()
                    + "' of episode " + episode.id() + " is not an incident number"));
        }
        Tuple row = Tuple.of(episode.id(), episode.responder(), incidentId, wireName(episode.cause()),
                episode.indeterminate() ? "indeterminate" : "attributed", wireName(state), reason,
                offset(episode.openedAt()));
        return pool.withTransaction(connection -> connection.preparedQuery(CLOSE_LEFT_OPEN)
                .execute(Tuple.of(episode.responder(), offset(episode.openedAt()), SUPERSEDED, episode.id()))
                .compose(closed -> connection.preparedQuery(OPEN).execute(row))
                .map(StressEpisodeStore::first));
    }

    /**
     * Records that an episode closed.
     *
     * @param key    the episode's {@link StressEpisode#id()}
     * @param at     when it closed (an instant before its opening counts as its opening)
     * @param reason why, in words for people
     * @return the closed record, or empty if no open episode has that key
     */
    public Future<Optional<StressEpisodeRecord>> close(String key, Instant at, String reason) {
        return pool.preparedQuery(CLOSE).execute(Tuple.of(Objects.requireNonNull(key, "key"), offset(at),
                Objects.requireNonNull(reason, "reason"))).map(StressEpisodeStore::first);
    }

    /**
     * Closes every episode still open: at start, since the rules' state did not survive the restart.
     *
     * @return how many were closed
     */
    public Future<Integer> closeAllOpen(Instant at, String reason) {
        return pool.preparedQuery(CLOSE_ALL).execute(Tuple.of(offset(at), Objects.requireNonNull(reason, "reason")))
                .map(RowSet::rowCount);
    }

    /**
     * Raises the peak state of {@code responder}'s open episode to {@code state} if it is higher.
     *
     * @return whether an open episode's peak changed
     */
    public Future<Boolean> raisePeak(String responder, StressState state) {
        return pool.preparedQuery(RAISE_PEAK).execute(Tuple.of(Objects.requireNonNull(responder, "responder"),
                wireName(state))).map(rows -> rows.rowCount() > 0);
    }

    /** The episodes linked to an incident, oldest first. */
    public Future<List<StressEpisodeRecord>> forIncident(long incidentId) {
        return pool.preparedQuery(FOR_INCIDENT).execute(Tuple.of(incidentId)).map(StressEpisodeStore::all);
    }

    /** Up to {@code limit} of {@code responder}'s episodes opened at or after {@code since}, newest first. */
    public Future<List<StressEpisodeRecord>> forResponder(String responder, Instant since, int limit) {
        return pool.preparedQuery(FOR_RESPONDER).execute(Tuple.of(Objects.requireNonNull(responder, "responder"),
                offset(Objects.requireNonNull(since, "since")), limit)).map(StressEpisodeStore::all);
    }

    private static Optional<StressEpisodeRecord> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(record(rows.iterator().next()));
    }

    private static List<StressEpisodeRecord> all(RowSet<Row> rows) {
        List<StressEpisodeRecord> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(record(row)));
        return all;
    }

    private static StressEpisodeRecord record(Row row) {
        Long incident = row.getLong("incident_id");
        return new StressEpisodeRecord(row.getLong("id"), row.getString("episode_key"), row.getString("responder"),
                incident == null ? OptionalLong.empty() : OptionalLong.of(incident),
                StressEpisode.Cause.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                "indeterminate".equals(row.getString("verdict")),
                StressState.valueOf(row.getString("peak_state").toUpperCase(Locale.ROOT)), row.getString("reason"),
                instant(row.getOffsetDateTime("opened_at")),
                Optional.ofNullable(instant(row.getOffsetDateTime("closed_at"))),
                Optional.ofNullable(row.getString("close_reason")));
    }

    private static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
