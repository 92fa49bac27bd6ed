package dev.limbic.app;

import dev.limbic.ble.PairingStore;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with a paired strap on a machine with no D-Bus system bus at all (the fake-bluez execution's socket,
 * with no daemon behind it): it says so, and keeps serving.
 */
class GatewayWithoutBluetoothOnFakeBluezTest {
    @TempDir
    Path dir;

    @Test
    void noSystemBusLeavesTheGatewayServing() throws Exception {
        String bus = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        assertThat(bus).as("set by the fake-bluez execution (run the README's test command)").startsWith("unix:path=");
        Files.deleteIfExists(Path.of(bus.substring("unix:path=".length())));
        new PairingStore(dir).pair("C0:FF:EE:00:00:20", "alex", Instant.now());
        LimbicConfig config = ConfigLoader.parse("test.yaml", """
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders: [{id: alex, timezone: UTC, heart_rate_monitoring: true}]
                """.formatted(dir).getBytes(StandardCharsets.UTF_8));

        Gateway gateway = Await.result(Gateway.start(config, Clock.systemUTC(), QuietEventLoops.options(),
                Duration.ofSeconds(1)));
        Vertx client = QuietEventLoops.vertx();
        try {
            Await.until(() -> assertThat(gateway.bluetoothStatus()).hasValueSatisfying(status ->
                    assertThat(status).startsWith("no Bluetooth: ").contains(bus)));
            HttpProbe http = new HttpProbe(client, gateway.port());
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            assertThat(http.metric("limbic_ble_devices_connected")).isZero();
        } finally {
            Await.result(client.close());
            Await.result(gateway.close());
        }
    }
}
