package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Limbic's database, ready for queries: the server (embedded or configured), its schema migrated to this
 * build's version, and a reactive connection pool. Open it once at startup and close it on shutdown.
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The database Limbic uses on its embedded server. */
    public static final String EMBEDDED_DATABASE = "limbic";

    private final Vertx vertx;
    private final Pool pool;
    private final PostgresTarget target;
    private final Optional<EmbeddedPostgresServer> embedded;

    private Database(Vertx vertx, Pool pool, PostgresTarget target, Optional<EmbeddedPostgresServer> embedded) {
        this.vertx = vertx;
        this.pool = pool;
        this.target = target;
        this.embedded = embedded;
    }

    /**
     * Starts the embedded server when no URL is configured, applies migrations (both on a worker thread, never on
     * an event loop), then creates the pool.
     */
    public static Future<Database> open(Vertx vertx, DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return vertx.<Prepared>executeBlocking(() -> prepare(settings), false)
                .map(prepared -> new Database(vertx, createPool(vertx, prepared.target, settings.poolSize()),
                        prepared.target, prepared.embedded));
    }

    /** A pool on an already migrated database that this object does not own (tests, tools). */
    public static Database connect(Vertx vertx, PostgresTarget target, int poolSize) {
        return new Database(vertx, createPool(vertx, target, poolSize), target, Optional.empty());
    }

    /** The reactive connection pool. */
    public Pool pool() {
        return pool;
    }

    /** Where the database is (without password when printed). */
    public PostgresTarget target() {
        return target;
    }

    /** The embedded server, when Limbic runs one. */
    public Optional<EmbeddedPostgresServer> embeddedServer() {
        return embedded;
    }

    /** Incidents with their timelines and figures. */
    public IncidentStore incidents() {
        return new IncidentStore(pool);
    }

    /** Escalation progress, for the engine and for restarts. */
    public EscalationProgressStore escalationProgress() {
        return new EscalationProgressStore(pool);
    }

    /** Notification records. */
    public NotificationStore notifications() {
        return new NotificationStore(pool);
    }

    /** Stress episodes (derived facts only, never heart rate). */
    public StressEpisodeStore stressEpisodes() {
        return new StressEpisodeStore(pool);
    }

    /** Deletion of events and stress episodes past their retention. */
    public Retention retention() {
        return new Retention(pool);
    }

    /** Closes the pool, then stops the embedded server if there is one (on a worker thread). */
    public Future<Void> close() {
        return pool.close().transform(closed -> embedded.isEmpty() ? Future.<Void>succeededFuture()
                : vertx.<Void>executeBlocking(() -> {
                    embedded.get().close();
                    return null;
                }, false));
    }

    private static Prepared prepare(DatabaseSettings settings) {
        Optional<EmbeddedPostgresServer> embedded = Optional.empty();
        PostgresTarget target;
        if (settings.url().isPresent()) {
            target = PostgresTarget.fromUrl(settings.url().get());
        } else {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings.embeddedDataDirectory(),
                    settings.embeddedPort());
            embedded = Optional.of(server);
            try {
                target = server.database(EMBEDDED_DATABASE);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        try {
            String version = SchemaMigrations.apply(target);
            LOG.info("Database {} at schema version {}", target, version);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedPostgresServer::close);
            throw e;
        }
        return new Prepared(target, embedded);
    }

    private static Pool createPool(Vertx vertx, PostgresTarget target, int poolSize) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(target.connectOptions())
                .using(vertx)
                .build();
    }

    private record Prepared(PostgresTarget target, Optional<EmbeddedPostgresServer> embedded) {
    }
}
