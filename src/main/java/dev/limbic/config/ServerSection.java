package dev.limbic.config;

/** Reads {@code server}: {@code host}, {@code port}, {@code public_url} and {@code link_secret}. */
final class ServerSection {
    private ServerSection() {
    }

    static ServerConfig read(YamlObject root) {
        return root.object("server").map(server -> {
            String host = server.string("host", ServerConfig.DEFAULT_HOST);
            if (host.isBlank()) {
                server.problem("host", "must not be empty");
            }
            int port = server.integer("port", ServerConfig.DEFAULT_PORT, 0, 65535);
            java.util.Optional<String> publicUrl = server.optionalString("public_url");
            publicUrl.filter(url -> !url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"))
                    .ifPresent(url -> server.problem("public_url", "must be an http:// or https:// address without"
                            + " query or fragment, for example https://limbic.example.org"));
            java.util.Optional<String> linkSecret = server.optionalString("link_secret");
            linkSecret.filter(secret -> secret.length() < 32).ifPresent(secret -> server.problem("link_secret",
                    "must be at least 32 characters (or leave it out: one is generated into the data directory)"));
            server.rejectUnknownKeys();
            return new ServerConfig(host, port, publicUrl, linkSecret);
        }).orElseGet(() -> new ServerConfig(ServerConfig.DEFAULT_HOST, ServerConfig.DEFAULT_PORT));
    }
}
