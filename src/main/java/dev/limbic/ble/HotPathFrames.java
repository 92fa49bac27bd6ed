package dev.limbic.ble;

import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.ingest.AuthenticatedDevice;
import dev.limbic.ingest.DeviceDirectory;
import dev.limbic.ingest.FrameIngest;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers straps' frames into the gateway's hot path: one {@link FrameIngest} owned by one event-loop context,
 * reached with {@code runOnContext} so neither TinyB's thread nor the loop waits.
 */
public final class HotPathFrames implements StrapFrames {
    private static final Logger LOG = LoggerFactory.getLogger(HotPathFrames.class);
    private final Context context;
    private final FrameIngest ingest;
    private final DeviceDirectory devices;
    private final Map<String, AuthenticatedDevice> byAddress = new ConcurrentHashMap<>();

    /** @param context the event-loop context that owns {@code ingest} */
    public HotPathFrames(Context context, FrameIngest ingest, DeviceDirectory devices) {
        this.context = context;
        this.ingest = ingest;
        this.devices = devices;
    }

    @Override
    public boolean accepts(Pairing pairing) {
        return devices.pairedStrap(pairing.address(), pairing.responder()).map(device -> {
            byAddress.put(pairing.address(), device);
            return true;
        }).orElseGet(() -> {
            LOG.warn("Ignoring the pairing of {}: responder '{}' is not configured or has not opted in to heart-rate "
                    + "monitoring", pairing.address(), pairing.responder());
            return false;
        });
    }

    @Override
    public void linkUp(Pairing pairing) {
        AuthenticatedDevice device = byAddress.get(pairing.address());
        context.runOnContext(v -> ingest.linkUp(device));
    }

    @Override
    public void frame(Pairing pairing, FirmwareProfile profile, long linkUpAtMillis, byte[] value, long arrivalNanos) {
        AuthenticatedDevice device = byAddress.get(pairing.address());
        context.runOnContext(v -> ingest.applyBluetoothValue(device, profile, linkUpAtMillis, value, arrivalNanos));
    }

    @Override
    public void linkLost(Pairing pairing) {
        AuthenticatedDevice device = byAddress.get(pairing.address());
        context.runOnContext(v -> ingest.linkLost(device));
    }
}
