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

/** Each quirk corrects real 0x2A37 frames the way its profile promises. */
class QuirkTest {
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();

    private HeartRateMeasurement decode(byte[] frame) {
        assertThat(HeartRateMeasurementDecoder.decode(frame, 0, frame.length, measurement)).isEqualTo(DecodeOutcome.OK);
        return measurement;
    }

    private static int rr(int millis) {
        return HeartRateMeasurementEncoder.rrMillisTo1024(millis);
    }

    @Test
    void dropRrBelowRemovesOnlyTheShortBogusValue() {
        byte[] frame = HeartRateMeasurementEncoder.encode(72, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                rr(830), rr(120), rr(845));
        HeartRateMeasurement m = decode(frame);

        new Quirk.DropRrBelow(250).correct(m, 60_000);

        assertThat(m.rrCount()).isEqualTo(2);
        assertThat(m.rrInterval1024(0)).isEqualTo(rr(830));
        assertThat(m.rrInterval1024(1)).isEqualTo(rr(845));
        assertThat(m.heartRateBpm()).isEqualTo(72);
        assertThat(m.contact()).isEqualTo(SensorContact.DETECTED);
    }

    @Test
    void dropRrBelowKeepsAValueExactlyAtTheLimit() {
        HeartRateMeasurement m = decode(HeartRateMeasurementEncoder.encode(70, SensorContact.DETECTED,
                HeartRateMeasurement.NO_ENERGY, 256));
        new Quirk.DropRrBelow(250).correct(m, 0);
        assertThat(m.rrCount()).isEqualTo(1);
    }

    @Test
    void discardRrAfterConnectIgnoresRrOnlyInsideTheWindow() {
        Quirk quirk = new Quirk.DiscardRrAfterConnect(Duration.ofSeconds(10));
        byte[] frame = HeartRateMeasurementEncoder.encode(64, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                rr(300), rr(1900));

        HeartRateMeasurement early = decode(frame);
        quirk.correct(early, 9_999);
        assertThat(early.rrCount()).isZero();
        assertThat(early.heartRateBpm()).isEqualTo(64);

        HeartRateMeasurement later = decode(frame);
        quirk.correct(later, 10_000);
        assertThat(later.rrCount()).isEqualTo(2);
    }

    @Test
    void contactUnreliableTreatsContactAsUnsupported() {
        HeartRateMeasurement m = decode(HeartRateMeasurementEncoder.encode(88, SensorContact.LOST,
                HeartRateMeasurement.NO_ENERGY));
        new Quirk.ContactUnreliable().correct(m, 0);
        assertThat(m.contact()).isEqualTo(SensorContact.UNSUPPORTED);
        assertThat(m.heartRateBpm()).isEqualTo(88);
    }

    @Test
    void energyStuckRemovesOnlyTheStuckValue() {
        Quirk quirk = new Quirk.EnergyStuck(0xFFFF);
        HeartRateMeasurement stuck = decode(HeartRateMeasurementEncoder.encode(75, SensorContact.DETECTED, 0xFFFF, rr(800)));
        quirk.correct(stuck, 0);
        assertThat(stuck.hasEnergyExpended()).isFalse();
        assertThat(stuck.rrCount()).isEqualTo(1);

        HeartRateMeasurement counting = decode(HeartRateMeasurementEncoder.encode(75, SensorContact.DETECTED, 412));
        quirk.correct(counting, 0);
        assertThat(counting.energyExpendedKj()).isEqualTo(412);
    }

    @Test
    void linkDropsOffBodyLeavesFramesAlone() {
        HeartRateMeasurement m = decode(HeartRateMeasurementEncoder.encode(60, SensorContact.DETECTED, 5, rr(1000)));
        new Quirk.LinkDropsOffBody(Duration.ofSeconds(45)).correct(m, 0);
        assertThat(m.rrCount()).isEqualTo(1);
        assertThat(m.energyExpendedKj()).isEqualTo(5);
        assertThat(m.contact()).isEqualTo(SensorContact.DETECTED);
    }

    @Test
    void aProfileAppliesAllItsQuirksInOrder() {
        FirmwareProfile profile = profile("p.yaml", Set.of(), List.of(
                new Quirk.DropRrBelow(250), new Quirk.EnergyStuck(0xFFFF), new Quirk.ContactUnreliable()), "^X");
        HeartRateMeasurement m = decode(HeartRateMeasurementEncoder.encode(70, SensorContact.DETECTED, 0xFFFF,
                rr(200), rr(900)));
        profile.correct(m, 30_000);
        assertThat(m.rrCount()).isEqualTo(1);
        assertThat(m.hasEnergyExpended()).isFalse();
        assertThat(m.contact()).isEqualTo(SensorContact.UNSUPPORTED);
    }

    @Test
    void matchingUsesNamesAndManufacturerIdsWithTheGenericProfileLast() {
        FirmwareProfile polar = profile("polar-h10.yaml", Set.of(0x006B), List.of(), "^Polar H10 [0-9A-F]{8}$");
        FirmwareProfile tickr = profile("wahoo.yaml", Set.of(), List.of(), "^TICKR");
        FirmwareProfile generic = profile("generic.yaml", Set.of(), List.of(), ".*");
        FirmwareProfiles profiles = new FirmwareProfiles(List.of(polar, tickr), generic);

        assertThat(profiles.match("Polar H10 1A2B3C4D", Set.of(0x006B))).isSameAs(polar);
        assertThat(profiles.match("Polar H10 1A2B3C4D", Set.of())).as("no manufacturer data seen").isSameAs(polar);
        assertThat(profiles.match("Polar H10 1A2B3C4D", Set.of(0x0087))).as("someone else's id").isSameAs(generic);
        assertThat(profiles.match("TICKR 1234", Set.of(0x1234))).isSameAs(tickr);
        assertThat(profiles.match("Strap", Set.of())).isSameAs(generic);
        assertThat(profiles.match(null, Set.of())).isSameAs(generic);
        assertThat(profiles.all()).last().isSameAs(generic);
    }

    private static FirmwareProfile profile(String source, Set<Integer> ids, List<Quirk> quirks, String pattern) {
        return new FirmwareProfile(source, source, List.of(Pattern.compile(pattern)), ids, SensorKind.CHEST_ECG,
                new Offers(true, true, "chest", false, true), quirks);
    }
}
