package dev.limbic.store;

import dev.limbic.alert.Severity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.limbic.store.IntakeWriter.instant;
import static dev.limbic.store.IntakeWriter.offset;

/** Incidents: listing, one with its timeline, acknowledge and resolve from people, timeline lines, and figures. */
public final class IncidentStore {
    private static final String COLUMNS = """
            id, integration, dedup_key, status, severity, summary, source, labels, details::text AS details,
            policy_id, opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, alert_count,
            last_alert_at""";
    private static final String LIST = "SELECT " + COLUMNS + " FROM incidents WHERE status = ANY($1::text[])"
            + " ORDER BY id DESC LIMIT $2";
    /**
     * Open incidents assigned to a responder: reassigned (or handed over) to them, or, while nobody was reassigned,
     * paged to them.
     */
    private static final String ASSIGNED = "SELECT " + COLUMNS + " FROM incidents i WHERE status <> 'resolved'"
            + " AND COALESCE((SELECT p.engine_state->>'assignee' FROM escalation_progress p WHERE p.incident_id = i.id) = $1,"
            + " EXISTS (SELECT 1 FROM notifications n WHERE n.incident_id = i.id AND n.responder = $1))"
            + " ORDER BY id DESC LIMIT $2";
    private static final String GET = "SELECT " + COLUMNS + " FROM incidents WHERE id = $1";
    private static final String TIMELINE = "SELECT at, kind, actor, text, fields::text AS fields"
            + " FROM incident_timeline WHERE incident_id = $1 ORDER BY at, id";
    private static final String APPEND = "INSERT INTO incident_timeline (incident_id, at, kind, actor, text, fields)"
            + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)";
    private static final String FIGURES = """
            SELECT count(*) AS opened, count(acknowledged_at) AS acknowledged, count(resolved_at) AS resolved,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at)) AS tta50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - opened_at)) AS tta90,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)) AS ttr50,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)) AS ttr90
            FROM incidents WHERE opened_at >= $1 AND opened_at < $2""";

    private final Pool pool;

    /** Incidents in the database behind {@code pool}. */
    public IncidentStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The newest incidents (highest id first) whose status is one of {@code statuses}, at most {@code limit}. */
    public Future<List<Incident>> list(Set<IncidentStatus> statuses, int limit) {
        String[] names = statuses.stream().map(IncidentStatus::wireName).toArray(String[]::new);
        return pool.preparedQuery(LIST).execute(IntakeWriter.columns(names, limit)).map(rows -> {
            List<Incident> incidents = new ArrayList<>(rows.size());
            rows.forEach(row -> incidents.add(incident(row)));
            return incidents;
        });
    }

    /**
     * The open incidents assigned to {@code responder}, newest first, at most {@code limit}: those reassigned (or
     * handed over) to them, and those they were paged for that nobody reassigned.
     */
    public Future<List<Incident>> assignedTo(String responder, int limit) {
        return pool.preparedQuery(ASSIGNED).execute(Tuple.of(responder, limit)).map(rows -> {
            List<Incident> incidents = new ArrayList<>(rows.size());
            rows.forEach(row -> incidents.add(incident(row)));
            return incidents;
        });
    }

    /** The incident {@code id}, if it exists. */
    public Future<Optional<Incident>> find(long id) {
        return find(pool, id);
    }

    /** The incident {@code id} with its timeline, if it exists. */
    public Future<Optional<IncidentDetail>> get(long id) {
        return pool.withConnection(connection -> find(connection, id).compose(found -> found.isEmpty()
                ? Future.succeededFuture(Optional.<IncidentDetail>empty())
                : connection.preparedQuery(TIMELINE).execute(Tuple.of(id)).map(rows -> {
                    List<TimelineEntry> timeline = new ArrayList<>(rows.size());
                    rows.forEach(row -> timeline.add(new TimelineEntry(instant(row.getOffsetDateTime("at")),
                            row.getString("kind"), row.getString("actor"), row.getString("text"),
                            row.getString("fields"))));
                    return Optional.of(new IncidentDetail(found.get(), timeline));
                })));
    }

    /** Adds a line to the incident's timeline. */
    public Future<Void> appendTimeline(long incidentId, TimelineEntry entry) {
        return pool.preparedQuery(APPEND).execute(timelineRow(incidentId, entry)).mapEmpty();
    }

    /** Counts and time-to-acknowledge/resolve figures for the incidents opened in [from, to). */
    public Future<IncidentFigures> figures(Instant from, Instant to) {
        return pool.preparedQuery(FIGURES).execute(Tuple.of(offset(from), offset(to))).map(rows -> {
            Row row = rows.iterator().next();
            return new IncidentFigures(from, to, row.getLong("opened"), row.getLong("acknowledged"),
                    row.getLong("resolved"), seconds(row, "tta50"), seconds(row, "tta90"), seconds(row, "ttr50"),
                    seconds(row, "ttr90"));
        });
    }

    private static Future<Optional<Incident>> find(SqlClient client, long id) {
        return client.preparedQuery(GET).execute(Tuple.of(id)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(incident(rows.iterator().next())));
    }

    private static Tuple timelineRow(long incidentId, TimelineEntry entry) {
        return Tuple.of(incidentId, offset(entry.at()), entry.kind(), entry.actor(), entry.text(), entry.fieldsJson());
    }

    private static Optional<Duration> seconds(Row row, String column) {
        Double seconds = row.getDouble(column);
        return seconds == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    static Incident incident(Row row) {
        JsonObject labelsJson = row.getJsonObject("labels");
        Map<String, String> labels = new HashMap<>();
        labelsJson.forEach(entry -> labels.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new Incident(row.getLong("id"), row.getString("integration"), row.getString("dedup_key"),
                IncidentStatus.fromWireName(row.getString("status")),
                Severity.parse(row.getString("severity")).orElseThrow(), row.getString("summary"),
                row.getString("source"), labels, row.getString("details"),
                Optional.ofNullable(row.getString("policy_id")), instant(row.getOffsetDateTime("opened_at")),
                Optional.ofNullable(instant(row.getOffsetDateTime("acknowledged_at"))),
                Optional.ofNullable(row.getString("acknowledged_by")),
                Optional.ofNullable(instant(row.getOffsetDateTime("resolved_at"))),
                Optional.ofNullable(row.getString("resolved_by")), row.getInteger("alert_count"),
                instant(row.getOffsetDateTime("last_alert_at")));
    }
}
