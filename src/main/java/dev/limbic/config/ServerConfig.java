package dev.limbic.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the gateway listens, and how people reach it.
 *
 * @param host       the interface to bind, {@code 0.0.0.0} for all
 * @param port       the TCP port; 0 picks a free one
 * @param publicUrl  the address responders open the responder page at ({@code https://limbic.example.org}), used in
 *                   the sign-in links that pages carry; empty: pages carry no link
 * @param linkSecret the key that signs those links and responder page sessions; empty: one is generated into the
 *                   data directory ({@code responder-page.key}) on first start
 */
public record ServerConfig(String host, int port, Optional<String> publicUrl, Optional<String> linkSecret) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl.map(url -> url.replaceAll("/+$", ""));
        linkSecret = linkSecret == null ? Optional.empty() : linkSecret;
    }

    /** A server without a public address or a configured link secret. */
    public ServerConfig(String host, int port) {
        this(host, port, Optional.empty(), Optional.empty());
    }

    /** The same server on another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl, linkSecret);
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", publicUrl=" + publicUrl.orElse("") + ", linkSecret="
                + (linkSecret.isPresent() ? "(set)" : "(generated)") + "]";
    }
}
