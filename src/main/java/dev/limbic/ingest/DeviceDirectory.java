package dev.limbic.ingest;

import dev.limbic.config.DeviceConfig;
import dev.limbic.config.DeviceToken;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured devices, found by the digest of the token they present. The map is keyed by SHA-256
 * digests compared in constant time ({@link DeviceToken}); no secret is kept.
 *
 * <p>A reloaded configuration replaces the devices ({@link #update}): a device whose token was removed, or whose
 * responder withdrew consent or left, is revoked, so its open streams close and its frames are refused from then
 * on. A device that stays as it was keeps streaming.
 */
public final class DeviceDirectory {
    /** The reason a withdrawn responder's state goes {@code UNKNOWN}. */
    public static final String CONSENT_WITHDRAWN = "no longer opted in to heart-rate monitoring";
    private final Map<String, AtomicInteger> streamsByResponder = new ConcurrentHashMap<>();
    /** Straps paired over Bluetooth, by address, so a reload can revoke them too. */
    private final Map<String, AuthenticatedDevice> pairedStraps = new ConcurrentHashMap<>();
    private volatile Devices devices;

    /** What one configuration allows. */
    private record Devices(Map<DeviceToken, AuthenticatedDevice> byToken, Set<String> consenting) {
    }

    public DeviceDirectory(LimbicConfig config) {
        this.devices = devices(config, Map.of());
    }

    /**
     * Swaps in a reloaded configuration and revokes what it no longer allows.
     *
     * @return the responders who were opted in to heart-rate monitoring and no longer are (withdrawn or removed):
     * whatever the gateway keeps of their heart rate must go
     */
    public synchronized Set<String> update(LimbicConfig config) {
        Devices before = devices;
        Devices after = devices(config, before.byToken());
        Set<String> withdrawn = new TreeSet<>(before.consenting());
        withdrawn.removeAll(after.consenting());
        devices = after;
        before.byToken().forEach((token, device) -> {
            if (after.byToken().get(token) != device) {
                device.revoke(withdrawn.contains(device.responderId()));
            }
        });
        pairedStraps.values().removeIf(strap -> {
            if (withdrawn.contains(strap.responderId())) {
                strap.revoke(true);
                return true;
            }
            return false;
        });
        return withdrawn;
    }

    /** The devices of {@code config}, keeping the instance (and its frame order) of each device that is unchanged. */
    private Devices devices(LimbicConfig config, Map<DeviceToken, AuthenticatedDevice> previous) {
        Map<DeviceToken, AuthenticatedDevice> byToken = new HashMap<>();
        Set<String> consenting = new TreeSet<>();
        for (ResponderConfig responder : config.responders()) {
            AtomicInteger streams = streamsByResponder.computeIfAbsent(responder.id(), id -> new AtomicInteger());
            if (responder.heartRateMonitoring()) {
                consenting.add(responder.id());
            }
            for (DeviceConfig device : responder.devices()) {
                AuthenticatedDevice kept = previous.get(device.token());
                boolean unchanged = kept != null && kept.deviceId().equals(device.id())
                        && kept.responderId().equals(responder.id()) && kept.consented() == responder.heartRateMonitoring();
                byToken.put(device.token(), unchanged ? kept
                        : new AuthenticatedDevice(device.id(), responder.id(), responder.heartRateMonitoring(), streams));
            }
        }
        return new Devices(Map.copyOf(byToken), Set.copyOf(consenting));
    }

    /** The device whose token is {@code token}, or {@code null} when there is none (or no token). */
    public AuthenticatedDevice authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        return devices.byToken().get(DeviceToken.of(token));
    }

    /**
     * The device for a strap paired to {@code responderId} over Bluetooth (its id is the strap's address), sharing the
     * responder's stream count with their other devices; empty when the responder is not configured or not opted in.
     */
    public synchronized Optional<AuthenticatedDevice> pairedStrap(String address, String responderId) {
        if (!devices.consenting().contains(responderId)) {
            return Optional.empty();
        }
        AuthenticatedDevice strap = new AuthenticatedDevice(address, responderId, true,
                streamsByResponder.get(responderId));
        AuthenticatedDevice replaced = pairedStraps.put(address, strap);
        if (replaced != null && !replaced.responderId().equals(responderId)) {
            replaced.revoke(false);
        }
        return Optional.of(strap);
    }
}
