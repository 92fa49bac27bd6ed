package dev.limbic.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway config the bench runs {@code limbic serve} with: one responder per device stream, each
 * opted in to heart-rate monitoring, with one strap and its own token.
 */
final class GatewayConfigFile {
    private GatewayConfigFile() {
    }

    /** The bearer token of stream {@code index}; the same tokens are offered to the sink. */
    static String token(int index) {
        return String.format(Locale.ROOT, "bench-device-token-%06d", index);
    }

    static List<String> tokens(int streams) {
        List<String> tokens = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            tokens.add(token(i));
        }
        return tokens;
    }

    /** Writes a config for {@code streams} responders listening on {@code port} to {@code file}. */
    static void write(Path file, int port, Path dataDir, int streams) throws IOException {
        List<Map<String, Object>> responders = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("id", String.format(Locale.ROOT, "bench-strap-%06d", i));
            device.put("token", token(i));
            Map<String, Object> responder = new LinkedHashMap<>();
            responder.put("id", String.format(Locale.ROOT, "bench-responder-%06d", i));
            responder.put("name", "Bench responder " + i);
            responder.put("timezone", "UTC");
            responder.put("heart_rate_monitoring", true);
            responder.put("devices", List.of(device));
            responders.add(responder);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("server", Map.of("port", port));
        config.put("data_dir", dataDir.toString());
        config.put("responders", responders);
        new YAMLMapper().writeValue(file.toFile(), config);
    }
}
