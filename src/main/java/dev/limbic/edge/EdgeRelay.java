package dev.limbic.edge;

import dev.limbic.ble.Pairing;
import dev.limbic.ble.StrapFrames;
import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.ingest.DeviceStreamEndpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Forwards straps' frames to a central gateway's {@code /v1/devices/stream} as {@link RelayFrame}s (stamped with the
 * edge's clock when the strap notified), over one WebSocket authenticated with a hub device token, so every strap
 * paired on this box counts as that device's responder. Each frame is corrected by its firmware profile first (the
 * hub does not know the strap). While the hub is unreachable, frames wait in a bounded buffer (oldest dropped first;
 * the hub refuses frames older than five minutes anyway) and are sent in order once the socket is back; it is
 * reconnected with backoff (1 s doubling to 30 s). All state lives on one Vert.x context.
 */
public final class EdgeRelay implements StrapFrames {
    /** The most frames held during an outage: five minutes of ten straps at 1 Hz. */
    public static final int MAX_BUFFERED = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(EdgeRelay.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final WebSocketConnectOptions options;
    private final Clock clock;
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private WebSocket socket;
    private int failures;
    private boolean closed;
    private volatile int buffered;
    private volatile long dropped;

    /**
     * @param hub   the central gateway's base URL ({@code http://host:port} or {@code https://…})
     * @param token the bearer token of a device configured at the hub
     */
    public EdgeRelay(Vertx vertx, URI hub, String token, Clock clock) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createWebSocketClient();
        this.clock = clock;
        String scheme = hub.getScheme() == null ? "" : hub.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https") || scheme.equals("wss");
        if (!tls && !scheme.equals("http") && !scheme.equals("ws") || hub.getHost() == null) {
            throw new IllegalArgumentException("--hub: '" + hub + "' is not an http(s) or ws(s) URL with a host");
        }
        this.options = new WebSocketConnectOptions().setHost(hub.getHost())
                .setPort(hub.getPort() > 0 ? hub.getPort() : tls ? 443 : 80).setSsl(tls)
                .setURI(DeviceStreamEndpoint.PATH).addHeader("Authorization", "Bearer " + token);
    }

    /** Connects to the hub (and keeps reconnecting); returns at once. */
    public EdgeRelay start() {
        context.runOnContext(v -> connect());
        return this;
    }

    /** Frames waiting for the hub now. */
    public int buffered() {
        return buffered;
    }

    /** Frames dropped because the buffer was full. */
    public long dropped() {
        return dropped;
    }

    /** Whether the socket to the hub is open now. */
    public boolean connected() {
        return socket != null;
    }

    @Override
    public boolean accepts(Pairing pairing) {
        return true;
    }

    @Override
    public void linkUp(Pairing pairing) {
        // the hub sees frames; silence is noticed there by its detectors
    }

    @Override
    public void linkLost(Pairing pairing) {
        // the hub's detectors go UNKNOWN when frames stop
    }

    @Override
    public void frame(Pairing pairing, FirmwareProfile profile, long linkUpAtMillis, byte[] value, long arrivalNanos) {
        long sentAt = clock.millis();
        context.runOnContext(v -> send(RelayFrame.of(sentAt, corrected(profile, sentAt - linkUpAtMillis, value))));
    }

    /** The value with the profile's quirks applied (re-encoded), or as received when it does not decode. */
    private byte[] corrected(FirmwareProfile profile, long sinceLinkUpMillis, byte[] value) {
        if (HeartRateMeasurementDecoder.decode(value, 0, value.length, measurement) != DecodeOutcome.OK) {
            return value; // the hub counts it as rejected, with its reason
        }
        profile.correct(measurement, sinceLinkUpMillis);
        int[] rr = new int[measurement.rrCount()];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = measurement.rrInterval1024(i);
        }
        return HeartRateMeasurementEncoder.encode(measurement.heartRateBpm(), measurement.contact(),
                measurement.hasEnergyExpended() ? measurement.energyExpendedKj() : HeartRateMeasurement.NO_ENERGY, rr);
    }

    /** On the relay's context: sends a relay frame, or buffers it while the hub is away. */
    void send(byte[] relayFrame) {
        if (socket != null && buffer.isEmpty() && !socket.writeQueueFull()) {
            socket.writeBinaryMessage(Buffer.buffer(relayFrame));
            return;
        }
        buffer.addLast(relayFrame);
        if (buffer.size() > MAX_BUFFERED) {
            buffer.removeFirst();
            dropped++;
        }
        buffered = buffer.size();
        flush();
    }

    private void flush() {
        while (socket != null && !buffer.isEmpty() && !socket.writeQueueFull()) {
            socket.writeBinaryMessage(Buffer.buffer(buffer.removeFirst()));
        }
        buffered = buffer.size();
    }

    private void connect() {
        if (closed) {
            return;
        }
        client.connect(options).onComplete(result -> {
            if (result.succeeded()) {
                WebSocket ws = result.result();
                socket = ws;
                failures = 0;
                LOG.info("Relaying to the hub {}:{} ({} frames buffered)", options.getHost(), options.getPort(),
                        buffer.size());
                ws.drainHandler(v -> flush());
                ws.closeHandler(v -> {
                    socket = null;
                    if (closed) {
                        return;
                    }
                    LOG.warn("The hub closed the stream; buffering and reconnecting");
                    retry();
                });
                ws.exceptionHandler(failure -> LOG.debug("hub stream failed", failure));
                flush();
            } else {
                if (failures == 0) {
                    LOG.warn("The hub is unreachable ({}); buffering up to {} frames and retrying",
                            result.cause().getMessage(), MAX_BUFFERED);
                }
                retry();
            }
        });
    }

    private void retry() {
        if (closed) {
            return;
        }
        long wait = Math.min(1000L << Math.min(failures++, 10), MAX_BACKOFF_MILLIS);
        vertx.setTimer(wait, id -> connect());
    }

    /** Stops relaying (buffered frames are lost). */
    public void close() {
        context.runOnContext(v -> {
            closed = true;
            if (socket != null) {
                socket.close();
            }
        });
    }
}
