package dev.limbic.ble;

import dev.limbic.config.ConfigLoader;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.ingest.DeviceDirectory;
import dev.limbic.ingest.FrameIngest;
import dev.limbic.metrics.GatewayMetrics;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressMonitor;
import dev.limbic.testing.Await;
import dev.limbic.testing.FakeBluez;
import dev.limbic.testing.QuietEventLoops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's Bluetooth source on TinyB against the fake BlueZ: first no BlueZ at all (said once, retried in the
 * background), then a paired Polar H10 whose frames reach the stress monitor and the metrics through the same hot
 * path as network ingest, with its firmware quirks applied; then a silent link loss, the responder's stream closing,
 * and a reconnect through fresh objects.
 */
class BleSourceOnFakeBluezTest {
    private static final String H10 = "C0:FF:EE:00:00:10";
    private final Vertx vertx = QuietEventLoops.vertx();
    private BleSource source;

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        Await.result(vertx.close());
    }

    @Test
    void pairedStrapFeedsTheHotPathAndIsReconnectedAfterASilentLinkLoss() throws Exception {
        LimbicConfig config = ConfigLoader.parse("test.yaml", """
                responders: [{id: alex, timezone: UTC, heart_rate_monitoring: true}]
                """.getBytes(StandardCharsets.UTF_8));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StressMonitor monitor = new StressMonitor(id -> config.stress());
        GatewayMetrics gatewayMetrics = new GatewayMetrics(registry, 1);
        monitor.addListener(gatewayMetrics);
        FrameIngest ingest = new FrameIngest(monitor, gatewayMetrics, Clock.systemUTC());
        BleMetrics metrics = new BleMetrics(registry);
        BleSettings settings = new BleSettings(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));

        try (FakeBluez bluez = FakeBluez.busWithoutBluez()) {
            source = new BleSource(List.of(new Pairing(H10, "alex", Instant.now())), FirmwareProfileLoader.loadBundled(),
                    new HotPathFrames(vertx.getOrCreateContext(), ingest, new DeviceDirectory(config)), metrics,
                    settings, Clock.systemUTC()).start();
            Await.until(() -> assertThat(source.status()).startsWith("no Bluetooth: "));

            bluez.startBluez();
            bluez.addStrap(H10, "Polar H10 1A2B3C4D", -60, 0x006B);
            bluez.stream(H10, HeartRateMeasurementEncoder.encode(72, SensorContact.DETECTED,
                    HeartRateMeasurement.NO_ENERGY, HeartRateMeasurementEncoder.rrMillisTo1024(833)), 100);

            Await.until(() -> {
                assertThat(metrics.connected()).isEqualTo(1);
                assertThat(registry.get("limbic.frames.ingested").tag("transport", "bluetooth").counter().count())
                        .isGreaterThanOrEqualTo(5);
                assertThat(registry.get("limbic.ble.battery.percent").tag("device", H10).gauge().value()).isEqualTo(87);
                assertThat(monitor.read("alex", StressDetector::heartRateBpm)).isEqualTo(72.0);
            });
            assertThat(source.status()).isEqualTo("1 of 1 straps linked");
            assertThat(monitor.read("alex", StressDetector::cleanBeats))
                    .as("Polar H10 profile: RR ignored for the first 10 s of a link").isZero();

            bluez.dropLink(H10);

            Await.until(() -> assertThat(monitor.read("alex", StressDetector::heartRateBpm))
                    .as("the lost link closed alex's only stream").isNaN());
            Await.until(() -> {
                assertThat(metrics.reconnects()).isEqualTo(1);
                assertThat(metrics.connected()).isEqualTo(1);
                assertThat(monitor.read("alex", StressDetector::heartRateBpm)).isEqualTo(72.0);
            });
            assertThat(bluez.calls().stream().filter("Connect"::equals)).hasSize(2);
            assertThat(bluez.calls()).contains("ReadValue", "StartNotify");
        }
    }
}
