package dev.limbic.schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {
    private static final Instant START = Instant.parse("2026-06-01T09:00:00Z");
    private static final Rotation PRIMARY = new Rotation("primary", RotationType.DAILY, 1, List.of("ada", "bob"),
            START, LocalTime.of(9, 0), ZoneOffset.UTC);
    private static final Rotation SECONDARY = new Rotation("secondary", RotationType.WEEKLY, 1, List.of("cy"),
            START, LocalTime.of(9, 0), ZoneOffset.UTC);

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void everyRotationContributesItsCurrentParticipant() {
        Schedule schedule = new Schedule("ops", List.of(PRIMARY, SECONDARY), List.of());

        assertThat(schedule.onCallAt(at("2026-06-01T10:00:00Z"))).containsExactly("ada", "cy");
        assertThat(schedule.onCallAt(at("2026-06-02T10:00:00Z"))).containsExactly("bob", "cy");
    }

    @Test
    void aReplacementOverrideStandsInForTheReplacedResponderDuringItsRangeOnly() {
        ScheduleOverride dentist = ScheduleOverride.replacing("ada", "dee",
                at("2026-06-01T12:00:00Z"), at("2026-06-01T14:00:00Z"));
        Schedule schedule = new Schedule("ops", List.of(PRIMARY, SECONDARY), List.of(dentist));

        assertThat(schedule.onCallAt(at("2026-06-01T11:59:59Z"))).containsExactly("ada", "cy");
        assertThat(schedule.onCallAt(at("2026-06-01T12:00:00Z"))).containsExactly("dee", "cy");
        assertThat(schedule.onCallAt(at("2026-06-01T14:00:00Z"))).containsExactly("ada", "cy");
    }

    @Test
    void aReplacementOfSomeoneNotOnCallChangesNothing() {
        ScheduleOverride override = ScheduleOverride.replacing("bob", "dee",
                at("2026-06-01T12:00:00Z"), at("2026-06-01T14:00:00Z"));
        Schedule schedule = new Schedule("ops", List.of(PRIMARY), List.of(override));

        assertThat(schedule.onCallAt(at("2026-06-01T13:00:00Z"))).containsExactly("ada");
    }

    @Test
    void anAddingOverrideJoinsTheOnCallResponders() {
        ScheduleOverride shadow = ScheduleOverride.adding("eve", at("2026-06-01T00:00:00Z"), at("2026-06-03T00:00:00Z"));
        Schedule schedule = new Schedule("ops", List.of(PRIMARY), List.of(shadow));

        assertThat(schedule.onCallAt(at("2026-06-01T08:00:00Z"))).containsExactly("eve");
        assertThat(schedule.onCallAt(at("2026-06-01T10:00:00Z"))).containsExactly("ada", "eve");
    }

    @Test
    void aResponderOnCallTwiceIsListedOnce() {
        ScheduleOverride twice = ScheduleOverride.adding("ada", START, at("2026-06-02T00:00:00Z"));
        Schedule schedule = new Schedule("ops", List.of(PRIMARY), List.of(twice));

        assertThat(schedule.onCallAt(at("2026-06-01T10:00:00Z"))).containsExactly("ada");
    }

    @Test
    void nextHandoffIsTheEarliestRotationHandoffOrOverrideEdge() {
        ScheduleOverride dentist = ScheduleOverride.replacing("ada", "dee",
                at("2026-06-01T12:00:00Z"), at("2026-06-01T14:00:00Z"));
        Schedule schedule = new Schedule("ops", List.of(PRIMARY, SECONDARY), List.of(dentist));

        assertThat(schedule.nextHandoffAfter(at("2026-06-01T10:00:00Z"))).contains(at("2026-06-01T12:00:00Z"));
        assertThat(schedule.nextHandoffAfter(at("2026-06-01T12:00:00Z"))).contains(at("2026-06-01T14:00:00Z"));
        assertThat(schedule.nextHandoffAfter(at("2026-06-01T14:00:00Z"))).contains(at("2026-06-02T09:00:00Z"));
        assertThat(new Schedule("empty", List.of(), List.of()).nextHandoffAfter(START)).isEmpty();
    }
}
