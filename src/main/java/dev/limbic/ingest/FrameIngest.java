package dev.limbic.ingest;

import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.firmware.HeartRatePlausibility;
import dev.limbic.firmware.Quirk;
import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.stress.StressMonitor;
import io.netty.buffer.ByteBuf;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The hot path of one event loop: checks a frame, decodes it and feeds the stress monitor. One instance
 * per event loop (never shared between threads), holding the one {@link HeartRateMeasurement} and the one
 * scratch array that every frame of that loop reuses, so applying a frame allocates nothing of its own.
 *
 * <p>The detector runs on the strap's send time (beats are timed by it); the gateway's clock only bounds
 * how far that time may lie in the future or the past.
 */
public final class FrameIngest {
    private final StressMonitor monitor;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private final byte[] scratch = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
    /** Per linked strap whose profile has {@code contact_unreliable}: the plausibility of its heart rate. */
    private final Map<AuthenticatedDevice, HeartRatePlausibility> plausibility = new HashMap<>();

    public FrameIngest(StressMonitor monitor, IngestMetrics metrics, Clock clock) {
        this.monitor = monitor;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Applies one relay frame ({@link RelayFrame}) read from the readable bytes of {@code frame}.
     *
     * @return {@code null} when applied, else the (counted) rejection
     */
    FrameRejection applyRelayFrame(AuthenticatedDevice device, ByteBuf frame, long arrivalNanos) {
        int length = frame.readableBytes();
        if (length < RelayFrame.HEADER_LENGTH) {
            return reject(FrameRejection.TOO_SHORT);
        }
        int start = frame.readerIndex();
        if (frame.getByte(start) != RelayFrame.VERSION_1) {
            return reject(FrameRejection.BAD_VERSION);
        }
        long sentAtMillis = frame.getLong(start + 1);
        int valueLength = length - RelayFrame.HEADER_LENGTH;
        if (valueLength > HeartRateMeasurementDecoder.MAX_VALUE_LENGTH) {
            return reject(FrameRejection.TOO_LONG);
        }
        if (frame.hasArray()) {
            return applyValue(device, sentAtMillis, frame.array(), frame.arrayOffset() + start + RelayFrame.HEADER_LENGTH,
                    valueLength, Transport.WEBSOCKET, arrivalNanos);
        }
        frame.getBytes(start + RelayFrame.HEADER_LENGTH, scratch, 0, valueLength);
        return applyValue(device, sentAtMillis, scratch, 0, valueLength, Transport.WEBSOCKET, arrivalNanos);
    }

    /**
     * Applies one Heart Rate Measurement value sent at {@code sentAtMillis}.
     *
     * @return {@code null} when applied, else the (counted) rejection
     */
    FrameRejection applyValue(AuthenticatedDevice device, long sentAtMillis, byte[] value, int offset, int length,
                              Transport transport, long arrivalNanos) {
        return apply(device, sentAtMillis, value, offset, length, transport, arrivalNanos, null, 0);
    }

    /**
     * Applies one Heart Rate Measurement value notified by a strap linked to this gateway's adapter, corrected by its
     * firmware profile's quirks; it counts as sent when it arrived (the gateway's clock).
     *
     * @param linkUpAtMillis when the link that carried it came up (quirks that depend on it, such as
     *                       {@code discard_rr_after_connect}, use it)
     * @return {@code null} when applied, else the (counted) rejection
     */
    public FrameRejection applyBluetoothValue(AuthenticatedDevice device, FirmwareProfile profile, long linkUpAtMillis,
                                              byte[] value, long arrivalNanos) {
        long now = clock.millis();
        return apply(device, now, value, 0, value.length, Transport.BLUETOOTH, arrivalNanos, profile,
                now - linkUpAtMillis);
    }

    private FrameRejection apply(AuthenticatedDevice device, long sentAtMillis, byte[] value, int offset, int length,
                                 Transport transport, long arrivalNanos, FirmwareProfile profile, long sinceLinkUpMillis) {
        if (device.revoked()) {
            return reject(FrameRejection.REVOKED);
        }
        DecodeOutcome outcome = HeartRateMeasurementDecoder.decode(value, offset, length, measurement);
        if (!outcome.isOk()) {
            return reject(FrameRejection.of(outcome));
        }
        if (profile != null) {
            profile.correct(measurement, sinceLinkUpMillis);
            if (profile.hasQuirk(Quirk.ContactUnreliable.class)
                    && !plausibility.computeIfAbsent(device, d -> new HeartRatePlausibility())
                    .plausible(measurement, sentAtMillis)) {
                return reject(FrameRejection.IMPLAUSIBLE);
            }
        }
        FrameRejection untimely = FrameTiming.check(device, sentAtMillis, clock.millis());
        if (untimely != null) {
            return reject(untimely);
        }
        monitor.onMeasurement(device.responderId(), sentAtMillis, measurement);
        if (device.consentWithdrawn()) {
            // Revoked while this frame was applied: forget again what it may have left (see Gateway#reconfigure).
            monitor.forget(device.responderId(), clock.millis(), DeviceDirectory.CONSENT_WITHDRAWN);
        }
        metrics.frameToState(System.nanoTime() - arrivalNanos);
        metrics.frameIngested(transport);
        return null;
    }

    /** Counts a rejection and returns it. */
    FrameRejection reject(FrameRejection rejection) {
        metrics.frameRejected(rejection);
        return rejection;
    }

    /** A strap's Bluetooth link came up: it counts as one of the responder's open streams. */
    public void linkUp(AuthenticatedDevice device) {
        HeartRatePlausibility history = plausibility.get(device);
        if (history != null) {
            history.reset();
        }
        streamOpened(device);
    }

    /** A strap's Bluetooth link was lost: when it was the responder's last stream, their detector learns of it. */
    public void linkLost(AuthenticatedDevice device) {
        streamClosed(device);
    }

    void streamOpened(AuthenticatedDevice device) {
        device.streamOpened();
        metrics.streamOpened();
    }

    /** A stream closed: when it was the responder's last, their detector learns of the disconnect. */
    void streamClosed(AuthenticatedDevice device) {
        metrics.streamClosed();
        if (device.streamClosed()) {
            monitor.onDisconnect(device.responderId(), clock.millis());
        }
    }
}
