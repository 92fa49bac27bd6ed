package dev.limbic.schedule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of every rotation, across timezones with and without daylight-saving changes. */
class RotationProperties {
    private static final Instant EPOCH_2026 = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<Rotation> rotations() {
        Arbitrary<RotationType> types = Arbitraries.of(RotationType.class);
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 5);
        Arbitrary<Long> startOffsets = Arbitraries.longs().between(0, 365L * 24 * 3600);
        Arbitrary<LocalTime> handoffs = Arbitraries.integers().between(0, 24 * 4 - 1)
                .map(quarter -> LocalTime.of(quarter / 4, quarter % 4 * 15));
        Arbitrary<ZoneId> zones = Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                "Asia/Kolkata").map(ZoneId::of);
        return Combinators.combine(types, lengths, startOffsets, handoffs, zones).as((type, length, offset, handoff, zone) ->
                new Rotation("r", type, length, List.of("p0", "p1", "p2"), EPOCH_2026.plusSeconds(offset), handoff, zone));
    }

    @Property
    void onCallIsConstantUntilTheNextHandoffAndThenPassesToTheNextParticipant(
            @ForAll("rotations") Rotation rotation, @ForAll @LongRange(min = 0, max = 2L * 365 * 24 * 3600) long after) {
        Instant at = rotation.start().plusSeconds(after);
        Instant next = rotation.nextHandoffAfter(at);

        assertThat(next).isAfter(at);
        assertThat(rotation.onCallAt(next.minusNanos(1))).isEqualTo(rotation.onCallAt(at));
        int current = rotation.participants().indexOf(rotation.onCallAt(at).orElseThrow());
        assertThat(rotation.onCallAt(next)).contains(rotation.participants().get((current + 1) % 3));
    }

    @Property
    void dailyAndWeeklyHandoffsHappenAtTheHandoffTimeUnlessItFallsIntoAGap(
            @ForAll("rotations") Rotation rotation, @ForAll @LongRange(min = 0, max = 2L * 365 * 24 * 3600) long after) {
        Instant next = rotation.nextHandoffAfter(rotation.start().plusSeconds(after));
        if (rotation.type() != RotationType.HOURLY) {
            LocalTime local = next.atZone(rotation.zone()).toLocalTime();
            boolean inGap = !rotation.zone().getRules().isValidOffset(
                    next.atZone(rotation.zone()).toLocalDate().atTime(rotation.handoffTime()),
                    next.atZone(rotation.zone()).getOffset());
            assertThat(local.equals(rotation.handoffTime()) || inGap).as("handoff at %s local", local).isTrue();
        }
    }
}
