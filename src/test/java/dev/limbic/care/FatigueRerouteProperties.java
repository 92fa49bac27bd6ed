package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.schedule.Rotation;
import dev.limbic.schedule.RotationType;
import dev.limbic.schedule.Schedule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fatigue budget over random schedules, budgets, page histories, severities and instants: a page is never
 * dropped, critical pages and pages outside the night go exactly as the schedule says, and every change is a reroute
 * recorded for the timeline, to someone on the schedule whose own budget allows it.
 */
class FatigueRerouteProperties {
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final List<String> PEOPLE = List.of("ada", "bob", "cy", "dee", "eli");
    private static final Map<String, ZoneId> ZONES = Map.of("ada", ZoneId.of("Europe/Berlin"),
            "bob", ZoneId.of("Europe/Berlin"), "cy", ZoneId.of("America/New_York"), "dee", ZoneId.of("Asia/Kolkata"),
            "eli", ZoneId.of("UTC"));

    /** One random situation: a schedule, a budget, the pages so far, an incident's severity and the instant. */
    record World(Schedule schedule, int budget, List<Map.Entry<String, Long>> pastPages, Severity severity,
                 Instant now) {
        LoadLedger ledger() {
            CareSettings settings = new CareSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(10),
                    Duration.ofMinutes(3), 3, OptionalInt.of(budget), LocalTime.of(22, 0), LocalTime.of(7, 0),
                    Duration.ofMinutes(1));
            LoadLedger ledger = new LoadLedger(settings, ZONES::get);
            pastPages.stream().sorted(Map.Entry.comparingByValue()).forEach(page ->
                    ledger.onPaged(page.getKey(), "past", now.minusSeconds(page.getValue())));
            return ledger;
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<List<String>> participants = Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<RotationType> types = Arbitraries.of(RotationType.DAILY, RotationType.HOURLY);
        Arbitrary<Integer> shifts = Arbitraries.integers().between(1, 12);
        Arbitrary<Boolean> twoRotations = Arbitraries.of(true, false);
        Arbitrary<Schedule> schedules = Combinators.combine(participants, participants, types, shifts, twoRotations)
                .as((first, second, type, shift, two) -> {
                    List<Rotation> rotations = new ArrayList<>();
                    rotations.add(new Rotation("a", type, shift, first, START, LocalTime.of(9, 0), ZoneId.of("UTC")));
                    if (two) {
                        rotations.add(new Rotation("b", RotationType.DAILY, 1, second, START, LocalTime.of(18, 0),
                                ZoneId.of("Europe/Berlin")));
                    }
                    return new Schedule("primary", rotations, List.of());
                });
        Arbitrary<Map.Entry<String, Long>> page = Combinators.combine(Arbitraries.of(PEOPLE),
                Arbitraries.longs().between(0, 9L * 24 * 3600)).as(Map::entry);
        return Combinators.combine(schedules, Arbitraries.integers().between(0, 3), page.list().ofMaxSize(25),
                Arbitraries.of(Severity.class), Arbitraries.longs().between(0, 60L * 24 * 3600))
                .as((schedule, budget, pages, severity, offset) ->
                        new World(schedule, budget, pages, severity, START.plusSeconds(offset)));
    }

    @Property
    void aPageIsNeverDroppedAndOnlyRerouted(@ForAll("worlds") World world) {
        OnCallResolver plain = OnCallResolver.of(Map.of("primary", world.schedule()));
        LoadLedger ledger = world.ledger();
        FatigueReroute reroute = new FatigueReroute(plain, ledger, world.severity());

        List<String> planned = plain.onCall("primary", world.now());
        List<String> paged = reroute.onCall("primary", world.now());

        assertThat(paged.isEmpty()).as("never dropped").isEqualTo(planned.isEmpty());
        Set<String> replaced = new HashSet<>();
        for (FatigueReroute.Rerouted rerouted : reroute.rerouted()) {
            assertThat(planned).contains(rerouted.from());
            assertThat(planned).doesNotContain(rerouted.to());
            assertThat(ledger.budgetSpentAtNight(rerouted.from(), world.now())).isTrue();
            assertThat(ledger.budgetSpentAtNight(rerouted.to(), world.now())).as("the new responder has budget")
                    .isFalse();
            assertThat(world.schedule().rotations().stream().anyMatch(r -> r.participants().contains(rerouted.to())))
                    .as("someone on the schedule").isTrue();
            replaced.add(rerouted.from());
        }
        for (String responder : planned) {
            assertThat(paged.contains(responder) || replaced.contains(responder))
                    .as("%s is paged or rerouted, with a timeline entry", responder).isTrue();
        }
        if (world.severity().isCritical() || planned.stream().noneMatch(r -> ledger.budgetSpentAtNight(r, world.now()))) {
            assertThat(paged).isEqualTo(planned);
            assertThat(reroute.rerouted()).isEmpty();
        }
    }
}
