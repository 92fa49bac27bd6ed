package dev.limbic.ingest;

import dev.limbic.config.DeviceConfig;
import dev.limbic.config.DeviceToken;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured devices, found by the digest of the token they present. The map is keyed by SHA-256
 * digests compared in constant time ({@link DeviceToken}); no secret is kept.
 */
public final class DeviceDirectory {
    private final Map<DeviceToken, AuthenticatedDevice> byToken = new HashMap<>();

    public DeviceDirectory(LimbicConfig config) {
        for (ResponderConfig responder : config.responders()) {
            AtomicInteger streams = new AtomicInteger();
            for (DeviceConfig device : responder.devices()) {
                byToken.put(device.token(),
                        new AuthenticatedDevice(device.id(), responder.id(), responder.heartRateMonitoring(), streams));
            }
        }
    }

    /** The device whose token is {@code token}, or {@code null} when there is none (or no token). */
    public AuthenticatedDevice authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        return byToken.get(DeviceToken.of(token));
    }
}
