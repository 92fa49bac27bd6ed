package dev.limbic.edge;

import dev.limbic.app.Gateway;
import dev.limbic.ble.BleMetrics;
import dev.limbic.ble.BleSettings;
import dev.limbic.ble.BleSource;
import dev.limbic.ble.Pairing;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.stress.StressDetector;
import dev.limbic.testing.Await;
import dev.limbic.testing.FakeBluez;
import dev.limbic.testing.QuietEventLoops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Edge mode end to end: a strap on the edge box's (fake) BlueZ reaches the hub's stress monitor over the network. */
class EdgeOnFakeBluezTest {
    private static final String TOKEN = "alex-edge-token-0123456789";
    private static final String STRAP = "C0:FF:EE:00:00:40";

    @Test
    void aStrapOnTheEdgeFeedsTheHub() throws Exception {
        Gateway hub = Await.result(Gateway.start(ConfigLoader.parse("hub.yaml", """
                server: {host: 127.0.0.1, port: 0}
                responders:
                  - {id: alex, timezone: UTC, heart_rate_monitoring: true, devices: [{id: alex-edge, token: %s}]}
                """.formatted(TOKEN).getBytes(StandardCharsets.UTF_8)), Clock.systemUTC(), QuietEventLoops.options(),
                Duration.ofHours(1)));
        Vertx vertx = QuietEventLoops.vertx();
        try (FakeBluez bluez = FakeBluez.start()) {
            bluez.addStrap(STRAP, "TICKR X 1F2E", -65, 0x0000);
            bluez.stream(STRAP, HeartRateMeasurementEncoder.encode(64, SensorContact.DETECTED, 0xFFFF,
                    HeartRateMeasurementEncoder.rrMillisTo1024(940)), 100);
            EdgeRelay relay = new EdgeRelay(vertx, URI.create("http://127.0.0.1:" + hub.port()), TOKEN,
                    Clock.systemUTC()).start();
            BleSource source = new BleSource(List.of(new Pairing(STRAP, "alex", Instant.now())),
                    FirmwareProfileLoader.loadBundled(), relay, new BleMetrics(new SimpleMeterRegistry()),
                    new BleSettings(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(300),
                            Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                    Clock.systemUTC()).start();
            try {
                Await.until(() -> {
                    assertThat(relay.connected()).isTrue();
                    assertThat(hub.monitor().read("alex", StressDetector::heartRateBpm)).isCloseTo(64.0, within(1.0));
                    assertThat(hub.monitor().read("alex", StressDetector::cleanBeats)).isGreaterThan(0);
                });
            } finally {
                source.close();
                relay.close();
            }
        } finally {
            Await.result(vertx.close());
            Await.result(hub.close());
        }
    }
}
