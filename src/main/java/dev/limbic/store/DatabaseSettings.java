package dev.limbic.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How Limbic reaches its database.
 *
 * @param url          a {@code postgresql://user:pass@host:port/db} URL of a server to use, or empty to run an
 *                     embedded server
 * @param dataDirectory Limbic's data directory; the embedded server keeps its cluster in {@code <dataDirectory>/postgres}
 * @param embeddedPort the embedded server's port on localhost, 0 for a free one (ignored with a URL)
 * @param poolSize     connections in the reactive pool (the intake uses one per lane)
 */
public record DatabaseSettings(Optional<String> url, Path dataDirectory, int embeddedPort, int poolSize) {
    /** Connections in the pool unless configured. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        url = url.filter(u -> !u.isBlank());
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("embedded database port must be 0..65535, was " + embeddedPort);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool size must be at least 1, was " + poolSize);
        }
    }

    /** An embedded server under {@code dataDirectory}, on a free port. */
    public static DatabaseSettings embedded(Path dataDirectory) {
        return new DatabaseSettings(Optional.empty(), dataDirectory, 0, DEFAULT_POOL_SIZE);
    }

    /** The server at {@code url}. */
    public static DatabaseSettings external(String url, Path dataDirectory) {
        return new DatabaseSettings(Optional.of(url), dataDirectory, 0, DEFAULT_POOL_SIZE);
    }

    /** Where the embedded server keeps its cluster. */
    public Path embeddedDataDirectory() {
        return dataDirectory.resolve("postgres");
    }
}
