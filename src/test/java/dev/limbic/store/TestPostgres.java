package dev.limbic.store;

import io.vertx.core.Future;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** One embedded PostgreSQL with one migrated database for the whole test JVM. */
final class TestPostgres {
    private static EmbeddedPostgresServer server;
    private static PostgresTarget shared;

    private TestPostgres() {
    }

    /** The shared server, started on first use (data under target/, stopped when the JVM exits). */
    static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(Path.of("target", "test-postgres", UUID.randomUUID().toString()), 0);
        }
        return server;
    }

    /**
     * The migrated database every test class shares (creating a database costs seconds with fsync on); tests keep
     * apart by using their own dedup keys.
     */
    static synchronized PostgresTarget sharedDatabase() {
        if (shared == null) {
            shared = server().database("limbic_test");
            SchemaMigrations.apply(shared);
        }
        return shared;
    }

    /** Runs SQL statements over JDBC (test setup and inspection). */
    static void execute(PostgresTarget target, String... statements) {
        try (Connection connection = jdbc(target); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single long value {@code sql} selects. */
    static long queryLong(PostgresTarget target, String sql) {
        try (Connection connection = jdbc(target); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single text value {@code sql} selects. */
    static String queryString(PostgresTarget target, String sql) {
        try (Connection connection = jdbc(target); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc(PostgresTarget target) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }

    /** Waits for {@code future} on the test thread (never an event loop). */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
