package dev.limbic.config;

/**
 * Where the gateway listens.
 *
 * @param host the interface to bind, {@code 0.0.0.0} for all
 * @param port the TCP port; 0 picks a free one
 */
public record ServerConfig(String host, int port) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
}
