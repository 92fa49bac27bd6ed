package dev.limbic.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Limbic keeps incidents and escalation progress.
 *
 * @param url      a {@code postgresql://user:pass@host:port/db} server to use, or empty to run an embedded
 *                 PostgreSQL with its data under {@code data_dir}
 * @param poolSize connections in the pool, at least 1
 */
public record DatabaseConfig(Optional<URI> url, int poolSize) {
    /** Connections in the pool unless configured. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
    }

    /** An embedded server with the default pool. */
    public static DatabaseConfig embedded() {
        return new DatabaseConfig(Optional.empty(), DEFAULT_POOL_SIZE);
    }

    /** Whether Limbic starts its own PostgreSQL. */
    public boolean isEmbedded() {
        return url.isEmpty();
    }

    /** Without the password, which must not reach logs. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url.map(DatabaseSection::redact).orElse("embedded") + ", poolSize=" + poolSize + "]";
    }
}
