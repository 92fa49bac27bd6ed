package dev.limbic.firmware;

import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog's view of {@code link_drops_off_body}, fed the contact status of real 0x2A37 frames. */
class OffBodySilenceTest {
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();

    private void frame(OffBodySilence silence, SensorContact contact, long atMillis) {
        byte[] frame = HeartRateMeasurementEncoder.encode(70, contact, HeartRateMeasurement.NO_ENERGY);
        assertThat(HeartRateMeasurementDecoder.decode(frame, 0, frame.length, measurement)).isEqualTo(DecodeOutcome.OK);
        silence.frame(measurement.contact(), atMillis);
    }

    @Test
    void silenceWithinFortyFiveSecondsOfLeavingTheBodyIsExpected() {
        OffBodySilence silence = new OffBodySilence(profile(List.of(new Quirk.LinkDropsOffBody(Duration.ofSeconds(45)))));
        frame(silence, SensorContact.DETECTED, 0);
        frame(silence, SensorContact.LOST, 1000);
        frame(silence, SensorContact.LOST, 46_000);
        assertThat(silence.expected(46_000)).isTrue();
    }

    @Test
    void silenceWhileWornIsALinkFailure() {
        OffBodySilence silence = new OffBodySilence(profile(List.of(new Quirk.LinkDropsOffBody(Duration.ofSeconds(45)))));
        frame(silence, SensorContact.LOST, 0);
        frame(silence, SensorContact.DETECTED, 1000);
        assertThat(silence.expected(1000)).as("worn again when it went quiet").isFalse();
    }

    @Test
    void silenceLongAfterTheDropTimeIsALinkFailure() {
        OffBodySilence silence = new OffBodySilence(profile(List.of(new Quirk.LinkDropsOffBody(Duration.ofSeconds(45)))));
        frame(silence, SensorContact.LOST, 0);
        frame(silence, SensorContact.LOST, 45_001);
        assertThat(silence.expected(45_001)).isFalse();
    }

    @Test
    void withoutTheQuirkEverySilenceIsALinkFailure() {
        OffBodySilence silence = new OffBodySilence(profile(List.of()));
        frame(silence, SensorContact.LOST, 0);
        assertThat(silence.expected(0)).isFalse();
    }

    private static FirmwareProfile profile(List<Quirk> quirks) {
        return new FirmwareProfile("p.yaml", "P", List.of(Pattern.compile("^P")), Set.of(), SensorKind.CHEST_ECG,
                new Offers(true, true, "chest", false, true), quirks);
    }
}
