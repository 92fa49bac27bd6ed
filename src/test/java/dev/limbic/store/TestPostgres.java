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
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL for the whole test JVM, and a fresh migrated database per test class. */
final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestPostgres() {
    }

    /** The shared server, started on first use (data under target/, stopped when the JVM exits). */
    static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(Path.of("target", "test-postgres", UUID.randomUUID().toString()), 0);
        }
        return server;
    }

    /** A new database on the shared server with the schema applied. */
    static PostgresTarget freshDatabase(String prefix) {
        PostgresTarget target = server().database(prefix + "_" + DATABASES.incrementAndGet());
        SchemaMigrations.apply(target);
        return target;
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
