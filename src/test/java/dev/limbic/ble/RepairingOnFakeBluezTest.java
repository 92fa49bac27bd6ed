package dev.limbic.ble;

import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.testing.Await;
import dev.limbic.testing.FakeBluez;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Straps unpaired, paired again and relinked many times over, with the garbage collector and finalizers forced to run
 * between steps, against TinyB's real natives and the fake BlueZ. TinyB frees each native peer in {@code close()} or
 * {@code finalize()} and its own thread reads a characteristic's notification callback without a lock, so a link torn
 * down the wrong way corrupts the native heap and the JVM dies ("double free or corruption", or a SIGSEGV in TinyB's
 * notification handler). Each unpair is one chance to hit that race, so several straps cycle at once. This test
 * reaching its end is the assertion that the JVM survived; each cycle also checks that every strap's frames flow
 * again, and at the end every link's objects have been freed (none is held for ever).
 */
class RepairingOnFakeBluezTest {
    /**
     * Straps cycling at once and rounds: 3 and 20 in the test run; {@code src/scripts/stress-ble-repair.sh} runs 6 and
     * 40, many times over, where a residual race inside TinyB still shows now and then (README, Bluetooth LE straps).
     */
    private static final int STRAPS = Integer.getInteger("limbic.repairing.straps", 3);
    private static final int CYCLES = Integer.getInteger("limbic.repairing.cycles", 20);

    @Test
    void unpairRepairRelinkCyclesKeepTheJvmAliveAndFramesFlowing() throws Exception {
        CountingSink sink = new CountingSink();
        BleMetrics metrics = new BleMetrics(new SimpleMeterRegistry());
        BleSettings settings = new BleSettings(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        byte[] frame = HeartRateMeasurementEncoder.encode(64, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                HeartRateMeasurementEncoder.rrMillisTo1024(937));
        List<Pairing> pairings = new ArrayList<>();

        try (FakeBluez bluez = FakeBluez.start()) {
            for (int i = 0; i < STRAPS; i++) {
                String address = "C0:FF:EE:00:01:%02X".formatted(i);
                bluez.addStrap(address, "TICKR 40" + i, -55, 0);
                bluez.stream(address, frame, 20);
                pairings.add(new Pairing(address, "responder-" + i, Instant.now()));
            }
            try (BleSource source = new BleSource(pairings, FirmwareProfileLoader.loadBundled(), sink, metrics,
                    settings, Clock.systemUTC()).start()) {
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    awaitLinksWithFrames(sink, metrics, cycle);
                    runFinalizers();

                    source.update(List.of()); // every strap unpaired
                    int ended = cycle * STRAPS;
                    Await.until(() -> {
                        assertThat(sink.linkLosses).as("links ended").hasValue(ended);
                        assertThat(metrics.connected()).isZero();
                    });
                    runFinalizers();

                    source.update(pairings); // paired again: linked at the next supervision round
                }
                awaitLinksWithFrames(sink, metrics, CYCLES + 1);
            }
            Await.until(() -> assertThat(LinkObjects.freeGone())
                    .as("every link's TinyB objects freed once BlueZ removed them").isZero());
            assertThat(bluez.calls().stream().filter("Connect"::equals)).hasSize((CYCLES + 1) * STRAPS);
            assertThat(bluez.calls().stream().filter("Disconnect"::equals)).hasSize((CYCLES + 1) * STRAPS);
        }
    }

    /** Waits for round {@code round} of links to be up and to carry frames from every strap. */
    private static void awaitLinksWithFrames(CountingSink sink, BleMetrics metrics, int round) throws Exception {
        Await.until(() -> {
            assertThat(sink.linkUps).as("links made").hasValue(round * STRAPS);
            assertThat(metrics.connected()).isEqualTo(STRAPS);
        });
        int framesAtLinkUp = sink.frames.get();
        Await.until(() -> assertThat(sink.frames.get()).as("frames in round %d", round)
                .isGreaterThanOrEqualTo(framesAtLinkUp + 5 * STRAPS));
    }

    /** Lets TinyB's finalizers free every native peer that is no longer referenced, now rather than some time later. */
    private static void runFinalizers() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            System.runFinalization();
        }
    }

    /** Counts what the source delivers; never blocks. */
    private static final class CountingSink implements StrapFrames {
        final AtomicInteger linkUps = new AtomicInteger();
        final AtomicInteger linkLosses = new AtomicInteger();
        final AtomicInteger frames = new AtomicInteger();

        @Override
        public boolean accepts(Pairing pairing) {
            return true;
        }

        @Override
        public void linkUp(Pairing pairing) {
            linkUps.incrementAndGet();
        }

        @Override
        public void frame(Pairing pairing, FirmwareProfile profile, long linkUpAtMillis, byte[] value, long arrivalNanos) {
            frames.incrementAndGet();
        }

        @Override
        public void linkLost(Pairing pairing) {
            linkLosses.incrementAndGet();
        }
    }
}
