package dev.limbic.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code database}: {@code url} (absent for the embedded server), {@code pool_size}, {@code retention} (how
 * long resolved incidents and alert events are kept, 1d to 3650d) and {@code answer_timeout} (how long an escalation
 * call waits for the database before it is tried again, 100ms to 10m).
 */
final class DatabaseSection {
    private static final Duration MIN_RETENTION = Duration.ofDays(1);
    private static final Duration MAX_RETENTION = Duration.ofDays(3650);
    private static final Duration MIN_ANSWER_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_ANSWER_TIMEOUT = Duration.ofMinutes(10);

    private DatabaseSection() {
    }

    static DatabaseConfig read(YamlObject root) {
        return root.object("database").map(db -> {
            Optional<URI> url = db.optionalString("url").flatMap(text -> url(db, text));
            int pool = db.integer("pool_size", DatabaseConfig.DEFAULT_POOL_SIZE, 1, 256);
            Duration retention = db.duration("retention", DatabaseConfig.DEFAULT_RETENTION);
            if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
                db.problem("retention", "must be between 1d and 3650d");
                retention = DatabaseConfig.DEFAULT_RETENTION;
            }
            Duration answerTimeout = db.duration("answer_timeout", DatabaseConfig.DEFAULT_ANSWER_TIMEOUT);
            if (answerTimeout.compareTo(MIN_ANSWER_TIMEOUT) < 0 || answerTimeout.compareTo(MAX_ANSWER_TIMEOUT) > 0) {
                db.problem("answer_timeout", "must be between 100ms and 10m");
                answerTimeout = DatabaseConfig.DEFAULT_ANSWER_TIMEOUT;
            }
            db.rejectUnknownKeys();
            return new DatabaseConfig(url, pool, retention, answerTimeout);
        }).orElseGet(DatabaseConfig::embedded);
    }

    private static Optional<URI> url(YamlObject db, String text) {
        String shown = redact(text);
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            db.problem("url", "'" + shown + "' is not a URL (expected postgresql://user:pass@host:port/db)");
            return Optional.empty();
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            db.problem("url", "'" + shown + "' must start with postgresql:// (leave url out for the embedded database)");
        } else if (uri.getHost() == null) {
            db.problem("url", "'" + shown + "' names no host (expected postgresql://user:pass@host:port/db)");
        } else if (uri.getPath() == null || uri.getPath().length() < 2 || uri.getPath().indexOf('/', 1) >= 0) {
            db.problem("url", "'" + shown + "' names no database (expected postgresql://user:pass@host:port/db)");
        } else {
            return Optional.of(uri);
        }
        return Optional.empty();
    }

    /** The URL with its password replaced by {@code ***}. */
    static String redact(Object url) {
        return url.toString().replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    }
}
