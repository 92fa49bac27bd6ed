package dev.limbic.store;

import io.vertx.pgclient.PgConnectOptions;

import java.util.Objects;

/**
 * Where a PostgreSQL database is and who Limbic connects as.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param database database name
 * @param user     user name
 * @param password password, empty for none
 */
public record PostgresTarget(String host, int port, String database, String user, String password) {
    /**
     * The longest statement text the client keeps prepared (parsed and planned once per connection). The client's
     * default, 2,048 characters, left the intake's and the escalation's batch writes to be parsed and planned again on
     * every execution, which cost PostgreSQL as much CPU as running them.
     */
    private static final int PREPARED_STATEMENT_CACHE_SQL_LIMIT = 16_384;

    public PostgresTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    /**
     * The target named by a URL of the form {@code postgresql://user:pass@host:port/db} (or {@code postgres://}).
     *
     * @throws IllegalArgumentException naming the problem when the URL is not of that form
     */
    public static PostgresTarget fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("database URL must start with postgresql://, was " + redact(url));
        }
        String afterScheme = url.substring(url.indexOf("://") + 3);
        int slash = afterScheme.indexOf('/', afterScheme.lastIndexOf('@') + 1);
        if (slash < 0 || slash == afterScheme.length() - 1 || afterScheme.charAt(slash + 1) == '?') {
            throw new IllegalArgumentException("database URL names no database: " + redact(url));
        }
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("database URL is not postgresql://user:pass@host:port/db: "
                    + redact(url) + " (" + e.getMessage() + ")", e);
        }
        if (options.getDatabase() == null || options.getDatabase().isEmpty()) {
            throw new IllegalArgumentException("database URL names no database: " + redact(url));
        }
        return new PostgresTarget(options.getHost(), options.getPort(), options.getDatabase(),
                options.getUser() == null ? "postgres" : options.getUser(), options.getPassword());
    }

    /** The same server, another database. */
    public PostgresTarget withDatabase(String otherDatabase) {
        return new PostgresTarget(host, port, otherDatabase, user, password);
    }

    /** The JDBC URL (without credentials), for migrations. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Connect options for the Vert.x reactive client. */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setPassword(password).setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_CACHE_SQL_LIMIT);
    }

    /** The target without its password, for logs. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String redact(String url) {
        return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    }
}
