package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StressMonitorTest {
    private static final long START = 1_700_000_000_000L;

    private final StressMonitor monitor = new StressMonitor(id -> StressThresholds.defaults().withRestingHeartRateBpm(70));
    private final List<String> heard = new ArrayList<>();
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();

    StressMonitorTest() {
        monitor.addListener((responder, transition) -> heard.add(responder + ":" + transition.to()));
    }

    private void beat(String responder, long atMillis, int bpm) {
        int rr1024 = Math.round(60 * 1024f / bpm);
        HeartRateMeasurementDecoder.decode(HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, -1, rr1024),
                measurement);
        monitor.onMeasurement(responder, atMillis, measurement);
    }

    @Test
    void listenersHearEveryResponderStateChange() {
        for (int s = 0; s < 120; s++) {
            beat("ada", START + s * 1000L, 70 + s % 2);
            beat("bob", START + s * 1000L + 300, 60 + s % 2);
        }
        monitor.onDisconnect("bob", START + 121_000);

        assertThat(heard).containsExactly("ada:CALM", "bob:CALM", "bob:UNKNOWN");
        assertThat(monitor.state("ada")).isEqualTo(StressState.CALM);
        assertThat(monitor.state("nobody")).isEqualTo(StressState.UNKNOWN);
        Integer seconds = monitor.read("ada", d -> d.history().secondsWithData(START, START + 120_000));
        assertThat(seconds).isEqualTo(120);
        assertThat((Object) monitor.read("nobody", StressDetector::state)).isNull();
    }

    @Test
    void sampleListenersHearEachMeasurementWithItInTheHistoryAfterTheTransitionItCaused() {
        List<String> samples = new ArrayList<>();
        monitor.addSampleListener((responder, atMillis) -> {
            Long newest = monitor.read(responder, d -> d.history().newestMillis());
            samples.add(responder + "@" + (atMillis - START) + " newest " + (newest - START) + " after " + heard);
        });

        beat("ada", START, 70);
        for (int s = 1; s <= 10; s++) {
            beat("ada", START + s * 1000L, 70);
        }

        assertThat(samples).hasSize(11);
        assertThat(samples.get(0)).isEqualTo("ada@0 newest 0 after []");
        assertThat(samples.get(10)).isEqualTo("ada@10000 newest 10000 after [ada:CALM]");
        assertThat(heard).containsExactly("ada:CALM");
    }

    @Test
    void tickTurnsSilentStreamsUnknownAndForgetDropsTheData() {
        for (int s = 0; s < 60; s++) {
            beat("ada", START + s * 1000L, 70);
        }
        monitor.tick(START + 59_000 + 31_000);
        assertThat(heard).containsExactly("ada:CALM", "ada:UNKNOWN");

        monitor.forget("ada", START + 100_000, "withdrawn");
        assertThat(monitor.state("ada")).isEqualTo(StressState.UNKNOWN);
        assertThat((Object) monitor.read("ada", StressDetector::state)).isNull();
        assertThat(heard).as("already UNKNOWN: nothing more to tell").containsExactly("ada:CALM", "ada:UNKNOWN");
    }

    @Test
    void forgettingAResponderInAKnownStateTellsTheListenersTheyAreUnknownNow() {
        for (int s = 0; s < 60; s++) {
            beat("ada", START + s * 1000L, 70);
        }

        monitor.forget("ada", START + 60_000, "no longer opted in");

        assertThat(heard).containsExactly("ada:CALM", "ada:UNKNOWN");
        assertThat((Object) monitor.read("ada", StressDetector::state)).isNull();
    }

    @Test
    void aSampleOfAKnownResponderAllocatesNothingWhileTheStateHolds() {
        java.util.Set<String> awaiting = java.util.Set.of("bob");
        monitor.addSampleListener((responder, atMillis) -> {
            if (awaiting.contains(responder)) {
                throw new AssertionError("nobody awaits " + responder);
            }
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int s = 0; s < 2_000; s++) {
            beat("ada", START + s * 1000L, 70 + s % 3);
        }
        byte[] frame = HeartRateMeasurementEncoder.encode(71, SensorContact.DETECTED, -1, 865);
        long before = threads.getThreadAllocatedBytes(thread);
        for (int s = 2_000; s < 12_000; s++) {
            HeartRateMeasurementDecoder.decode(frame, 0, frame.length, measurement);
            monitor.onMeasurement("ada", START + s * 1000L, measurement);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(heard).containsExactly("ada:CALM");
        assertThat(allocated).as("bytes allocated by 10,000 samples").isLessThan(1_000);
    }
}
