package dev.limbic.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Limbic keeps incidents and escalation progress.
 *
 * @param url      a {@code postgresql://user:pass@host:port/db} server to use, or empty to run an embedded
 *                 PostgreSQL with its data under {@code data_dir}
 * @param poolSize  connections in the pool, at least 1
 * @param retention how long resolved incidents (with their timelines and notifications) and received alert events
 *                  are kept after they are resolved or received; those of open incidents are always kept
 * @param answerTimeout how long an escalation decision waits for the database before it is tried again (on
 *                      another connection): a connection that stopped answering delays pages by this much, never
 *                      holds them
 */
public record DatabaseConfig(Optional<URI> url, int poolSize, Duration retention, Duration answerTimeout) {
    /** Connections in the pool unless configured. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Resolved incidents and alert events are kept 90 days unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** The database has 30 s to answer an escalation call unless configured. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("answerTimeout must be positive, was " + answerTimeout);
        }
    }

    /** A database keeping resolved incidents for the default retention. */
    public DatabaseConfig(Optional<URI> url, int poolSize) {
        this(url, poolSize, DEFAULT_RETENTION, DEFAULT_ANSWER_TIMEOUT);
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
        return "DatabaseConfig[url=" + url.map(DatabaseSection::redact).orElse("embedded") + ", poolSize=" + poolSize
                + ", retention=" + retention + ", answerTimeout=" + answerTimeout + "]";
    }
}
