package dev.limbic.edge;

import dev.limbic.app.Gateway;
import dev.limbic.ble.Pairing;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.stress.StressDetector;
import dev.limbic.testing.Await;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The edge relay buffers frames while the hub is away and delivers them, in order, once it is up. */
class EdgeRelayTest {
    private static final String TOKEN = "alex-edge-token-0123456789";

    @Test
    void framesWaitForTheHubAndReachItsStressMonitor() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Vertx vertx = QuietEventLoops.vertx();
        EdgeRelay relay = new EdgeRelay(vertx, URI.create("http://127.0.0.1:" + port), TOKEN, Clock.systemUTC()).start();
        FirmwareProfile generic = FirmwareProfileLoader.loadBundled().generic();
        Pairing strap = new Pairing("C0:FF:EE:00:00:30", "alex", Instant.now());
        byte[] frame = HeartRateMeasurementEncoder.encode(72, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                HeartRateMeasurementEncoder.rrMillisTo1024(833));
        long linkUp = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            relay.frame(strap, generic, linkUp, frame.clone(), System.nanoTime());
        }
        Await.until(() -> assertThat(relay.buffered()).isEqualTo(3));
        assertThat(relay.connected()).isFalse();

        Gateway hub = Await.result(Gateway.start(ConfigLoader.parse("hub.yaml", """
                server: {host: 127.0.0.1, port: %d}
                responders:
                  - {id: alex, timezone: UTC, heart_rate_monitoring: true, devices: [{id: alex-edge, token: %s}]}
                """.formatted(port, TOKEN).getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(),
                QuietEventLoops.options(), Duration.ofHours(1)));
        try {
            Await.until(() -> {
                assertThat(relay.connected()).isTrue();
                assertThat(relay.buffered()).isZero();
                assertThat(hub.monitor().read("alex", StressDetector::heartRateBpm)).isCloseTo(72.0, within(1.0));
            });
            relay.frame(strap, generic, linkUp, frame.clone(), System.nanoTime());
            Await.until(() -> assertThat(hub.monitor().read("alex", StressDetector::cleanBeats)).isGreaterThan(0));
            assertThat(relay.dropped()).isZero();
        } finally {
            relay.close();
            Await.result(vertx.close());
            Await.result(hub.close());
        }
    }
}
