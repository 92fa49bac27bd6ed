package dev.limbic.ble;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.testing.FakeBluez;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TinyB's real native path against the fake BlueZ: scanning, connecting, reading and notifications. */
class TinybOnFakeBluezTest {
    private static final String H10 = "C0:FF:EE:00:00:01";
    private static final String TICKR = "C0:FF:EE:00:00:02";
    private static FakeBluez bluez;
    private static TinybCentral central;

    @BeforeAll
    static void start() throws Exception {
        bluez = FakeBluez.start();
        bluez.addStrap(H10, "Polar H10 1A2B3C4D", -58, 0x006B);
        central = TinybCentral.open();
    }

    @AfterAll
    static void stop() throws Exception {
        bluez.close();
    }

    @Test
    void scanListsHeartRateStrapsIncludingOneThatAppearsMidScan() throws Exception {
        CompletableFuture<List<AdvertisedStrap>> scan = CompletableFuture.supplyAsync(() -> {
            try {
                return central.scan(Duration.ofMillis(1500), Duration.ofMillis(100));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(400);
        bluez.addStrap(TICKR, "TICKR X 1F2E", -71, 0x0000);

        List<AdvertisedStrap> straps = scan.get(10, TimeUnit.SECONDS);

        assertThat(straps).contains(new AdvertisedStrap(H10, "Polar H10 1A2B3C4D", -58, Set.of(0x006B)),
                new AdvertisedStrap(TICKR, "TICKR X 1F2E", -71, Set.of(0x0000)));
        assertThat(bluez.calls()).contains("StartDiscovery", "StopDiscovery");
    }

    @Test
    void aLinkReadsLocationAndBatteryAndDeliversNotifications() throws Exception {
        byte[] frame = HeartRateMeasurementEncoder.encode(72, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY, 850);
        bluez.stream(H10, frame, 100);
        List<byte[]> received = new CopyOnWriteArrayList<>();

        try (StrapLink link = StrapLink.connect(central, H10, Duration.ofSeconds(5), received::add)) {
            assertThat(link.bodySensorLocation()).hasValue(1);
            assertThat(link.batteryPercent()).hasValue(87);
            for (int i = 0; i < 100 && received.size() < 3; i++) {
                Thread.sleep(50);
            }
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(3).allSatisfy(value -> assertThat(value).isEqualTo(frame));
        assertThat(bluez.calls()).contains("GetManagedObjects", "Connect", "ReadValue", "StartNotify", "Disconnect")
                .as("notifications end with the link: disabling them frees a callback TinyB's thread may be reading")
                .doesNotContain("StopNotify");
    }

    @Test
    void aStrapNotInRangeIsAClearError() {
        assertThatThrownBy(() -> StrapLink.connect(central, "AA:BB:CC:DD:EE:FF", Duration.ofSeconds(1), v -> { }))
                .isInstanceOf(StrapLinkException.class).hasMessageContaining("AA:BB:CC:DD:EE:FF is not in range");
    }
}
