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
    private final Map<String, AtomicInteger> streamsByResponder = new HashMap<>();
    private final Map<String, Boolean> consentByResponder = new HashMap<>();

    public DeviceDirectory(LimbicConfig config) {
        for (ResponderConfig responder : config.responders()) {
            AtomicInteger streams = new AtomicInteger();
            streamsByResponder.put(responder.id(), streams);
            consentByResponder.put(responder.id(), responder.heartRateMonitoring());
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

    /**
     * The device for a strap paired to {@code responderId} over Bluetooth (its id is the strap's address), sharing the
     * responder's stream count with their other devices; empty when the responder is not configured or not opted in.
     */
    public java.util.Optional<AuthenticatedDevice> pairedStrap(String address, String responderId) {
        AtomicInteger streams = streamsByResponder.get(responderId);
        if (streams == null || !consentByResponder.get(responderId)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new AuthenticatedDevice(address, responderId, true, streams));
    }
}
