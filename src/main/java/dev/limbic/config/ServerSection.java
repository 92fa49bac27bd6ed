package dev.limbic.config;

/** Reads {@code server}: {@code host} and {@code port}. */
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
            server.rejectUnknownKeys();
            return new ServerConfig(host, port);
        }).orElseGet(() -> new ServerConfig(ServerConfig.DEFAULT_HOST, ServerConfig.DEFAULT_PORT));
    }
}
