package dev.limbic.config;

import dev.limbic.stress.StressThresholds;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole, validated Limbic configuration. Immutable: a reload builds a new one.
 *
 * @param server     where the gateway listens
 * @param dataDir    where Limbic keeps its files
 * @param stress     the default stress thresholds
 * @param responders everyone who can be paged, in the file's order
 */
public record LimbicConfig(ServerConfig server, Path dataDir, StressThresholds stress, List<ResponderConfig> responders) {
    public LimbicConfig {
        responders = List.copyOf(responders);
    }

    public Optional<ResponderConfig> responder(String id) {
        return responders.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The thresholds for one responder: the defaults with their own resting heart rate, if configured. */
    public StressThresholds thresholdsFor(String responderId) {
        return responder(responderId).map(this::thresholdsOf).orElse(stress);
    }

    /** The thresholds of every responder by id, for lookups that must not scan the list. */
    public Map<String, StressThresholds> thresholdsByResponder() {
        Map<String, StressThresholds> thresholds = new HashMap<>();
        for (ResponderConfig responder : responders) {
            thresholds.put(responder.id(), thresholdsOf(responder));
        }
        return Map.copyOf(thresholds);
    }

    private StressThresholds thresholdsOf(ResponderConfig responder) {
        return responder.restingHeartRateBpm().isPresent()
                ? stress.withRestingHeartRateBpm(responder.restingHeartRateBpm().getAsDouble())
                : stress;
    }

    /** The same configuration listening on another port (the demo's {@code --port}, tests' port 0). */
    public LimbicConfig withPort(int port) {
        return new LimbicConfig(new ServerConfig(server.host(), port), dataDir, stress, responders);
    }
}
