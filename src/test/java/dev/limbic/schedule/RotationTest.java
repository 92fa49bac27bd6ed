package dev.limbic.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RotationTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN).toInstant();
    }

    private static Rotation daily(String start) {
        return new Rotation("primary", RotationType.DAILY, 1, List.of("ada", "bob", "cy"), berlin(start),
                LocalTime.of(9, 0), BERLIN);
    }

    @Test
    void nobodyIsOnCallBeforeTheStartAndTheFirstParticipantHoldsTheShiftContainingIt() {
        Rotation rotation = daily("2026-03-01T12:00");

        assertThat(rotation.onCallAt(berlin("2026-03-01T11:59"))).isEmpty();
        assertThat(rotation.onCallAt(berlin("2026-03-01T12:00"))).contains("ada");
        assertThat(rotation.onCallAt(berlin("2026-03-02T08:59"))).contains("ada");
        assertThat(rotation.onCallAt(berlin("2026-03-02T09:00"))).contains("bob");
        assertThat(rotation.onCallAt(berlin("2026-03-03T09:00"))).contains("cy");
        assertThat(rotation.onCallAt(berlin("2026-03-04T09:00"))).contains("ada");
        assertThat(rotation.nextHandoffAfter(berlin("2026-02-01T00:00"))).isEqualTo(berlin("2026-03-01T12:00"));
        assertThat(rotation.nextHandoffAfter(berlin("2026-03-01T12:00"))).isEqualTo(berlin("2026-03-02T09:00"));
    }

    @Test
    void dailyHandoffStaysAtNineLocalAcrossSpringForwardAndFallBack() {
        Rotation rotation = daily("2026-03-27T09:00");

        Instant beforeSpring = berlin("2026-03-28T09:00");
        Instant afterSpring = rotation.nextHandoffAfter(beforeSpring);
        assertThat(afterSpring).isEqualTo(berlin("2026-03-29T09:00"));
        assertThat(Duration.between(beforeSpring, afterSpring)).isEqualTo(Duration.ofHours(23));
        assertThat(rotation.onCallAt(afterSpring)).contains("cy");

        Instant beforeFall = berlin("2026-10-24T09:00");
        Instant afterFall = rotation.nextHandoffAfter(beforeFall);
        assertThat(afterFall.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(Duration.between(beforeFall, afterFall)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void handoffInsideTheSpringForwardGapMovesForwardByTheGap() {
        Rotation rotation = new Rotation("night", RotationType.DAILY, 1, List.of("ada", "bob"),
                berlin("2026-03-27T03:00"), LocalTime.of(2, 30), BERLIN);

        assertThat(rotation.nextHandoffAfter(berlin("2026-03-28T12:00")))
                .isEqualTo(berlin("2026-03-29T03:30"));
    }

    @Test
    void weeklyShiftsLastSevenLocalDays() {
        Rotation rotation = new Rotation("weekly", RotationType.WEEKLY, 1, List.of("ada", "bob"),
                berlin("2026-03-23T10:00"), LocalTime.of(10, 0), BERLIN);

        assertThat(rotation.onCallAt(berlin("2026-03-30T09:59"))).contains("ada");
        assertThat(rotation.onCallAt(berlin("2026-03-30T10:00"))).contains("bob");
        assertThat(rotation.onCallAt(berlin("2026-04-06T10:00"))).contains("ada");
    }

    @Test
    void hourlyShiftsAreExactElapsedHoursFromTheLastHandoffBeforeTheStart() {
        Rotation rotation = new Rotation("follow-the-sun", RotationType.HOURLY, 12, List.of("ada", "bob"),
                berlin("2026-03-28T12:00"), LocalTime.of(8, 0), BERLIN);

        assertThat(rotation.onCallAt(berlin("2026-03-28T19:59"))).contains("ada");
        assertThat(rotation.onCallAt(berlin("2026-03-28T20:00"))).contains("bob");
        // 12 elapsed hours after 20:00 CET is 09:00 CEST (the clocks went forward that night).
        assertThat(rotation.nextHandoffAfter(berlin("2026-03-28T20:00"))).isEqualTo(berlin("2026-03-29T09:00"));
    }
}
