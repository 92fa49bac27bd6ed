package dev.limbic.app;

import dev.limbic.ble.PairingStore;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.stress.StressDetector;
import dev.limbic.testing.Await;
import dev.limbic.testing.FakeBluez;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A running gateway with nothing paired picks up pairings without a restart: one made through the HTTP API links the
 * strap at once and its frames reach the stress monitor; unpairing through the API disconnects it and closes the
 * responder's stream; one written to {@code pairings.json} by the CLI is noticed by the gateway's poll.
 */
class GatewayPairingOnFakeBluezTest {
    private static final String STRAP = "C0:FF:EE:00:00:30";
    private static final String TOKEN = "alex-live-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void pairingsMadeWhileRunningTakeEffectAtOnce() throws Exception {
        LimbicConfig config = ConfigLoader.parse("test.yaml", """
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders: [{id: alex, timezone: UTC, heart_rate_monitoring: true, live_token: %s}]
                """.formatted(dir, TOKEN).getBytes(StandardCharsets.UTF_8));
        try (FakeBluez bluez = FakeBluez.start()) {
            bluez.addStrap(STRAP, "TICKR 1234", -55, 0);
            bluez.stream(STRAP, HeartRateMeasurementEncoder.encode(66, SensorContact.DETECTED,
                    HeartRateMeasurement.NO_ENERGY, HeartRateMeasurementEncoder.rrMillisTo1024(909)), 100);
            Gateway gateway = Await.result(Gateway.start(config, Clock.systemUTC(), QuietEventLoops.options(),
                    Duration.ofSeconds(1)));
            Vertx client = QuietEventLoops.vertx();
            try {
                HttpProbe http = new HttpProbe(client, gateway.port());
                Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
                assertThat(gateway.bluetoothStatus()).as("no Bluetooth before a strap is paired").isEmpty();

                assertThat(http.send(HttpMethod.PUT, "/v1/bluetooth/pairings/" + STRAP, auth, null).status())
                        .isEqualTo(200);
                Await.until(() -> {
                    assertThat(gateway.monitor().read("alex", StressDetector::heartRateBpm)).isCloseTo(66.0, within(0.5));
                    assertThat(http.metric("limbic_ble_devices_connected")).isEqualTo(1);
                });

                assertThat(http.send(HttpMethod.DELETE, "/v1/bluetooth/pairings/" + STRAP, auth, null).status())
                        .isEqualTo(204);
                Await.until(() -> {
                    assertThat(gateway.monitor().read("alex", StressDetector::heartRateBpm))
                            .as("unpairing closed alex's only stream").isNaN();
                    assertThat(http.metric("limbic_ble_devices_connected")).isZero();
                });
                assertThat(bluez.calls()).contains("Disconnect");

                new PairingStore(dir).pair(STRAP, "alex", Instant.now()); // what `limbic pair` does
                Await.until(() -> assertThat(gateway.monitor().read("alex", StressDetector::heartRateBpm))
                        .as("the gateway noticed pairings.json change").isCloseTo(66.0, within(0.5)));
            } finally {
                Await.result(client.close());
                Await.result(gateway.close());
            }
        }
    }
}
