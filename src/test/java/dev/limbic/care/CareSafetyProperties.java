package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationStep;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.Target;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety rules of stress-aware paging, over random interleavings of alerts (critical and not), acknowledgements,
 * resolves, stress-state changes (including {@code UNKNOWN}: no data or a disconnect) and clock advances. Each
 * scenario runs twice on the real escalation engine: with the {@link CareAdvisor} and {@link StressEpisodes}, and as
 * the plain pager (an advisor that never holds); then both are run until nothing is pending.
 */
class CareSafetyProperties {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<String> RESPONDERS = List.of("ada", "bob", "cy");
    private static final Map<String, String> PARTNERS = Map.of("ada", "bob", "bob", "cy", "cy", "ada");
    private static final Duration DRAIN = Duration.ofDays(2);

    sealed interface Op {
    }

    record Alert(Severity severity) implements Op {
    }

    record Acknowledge(int incident, String by) implements Op {
    }

    record Resolve(int incident, String by) implements Op {
    }

    record Stress(String responder, StressState state) implements Op {
    }

    record Advance(long seconds) implements Op {
    }

    /**
     * Advance to a few seconds before the next wake-up of the stress-aware run (an escalation timer, say); then, if
     * {@code acute}, the responder paged last turns {@code ACUTE}, so their breathing window spans the wake-up.
     */
    record AdvanceNearWake(long secondsBefore, boolean acute) implements Op {
    }

    record Scenario(CareSettings settings, EscalationPolicy policy, List<Op> ops) {
        boolean hasCommands() {
            return ops.stream().anyMatch(op -> op instanceof Acknowledge || op instanceof Resolve);
        }
    }

    /** Both runs of one scenario, drained. */
    record Runs(CareWorld care, CareWorld plain) {
    }

    // ---- generators ----

    private static Arbitrary<EscalationPolicy> policies() {
        Arbitrary<EscalationStep> step = Combinators.combine(
                        Arbitraries.of(RESPONDERS).map(Target::responder).list().ofMinSize(1).ofMaxSize(2),
                        Arbitraries.longs().between(1, 20))
                .as((targets, minutes) -> new EscalationStep(targets, Duration.ofMinutes(minutes)));
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 2),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                                Tuple.of(1, Arbitraries.longs().between(5, 40))))
                .as((steps, repeat, ack) -> new EscalationPolicy("p", steps, repeat, Duration.ofMinutes(ack)));
    }

    private static Arbitrary<CareSettings> settings() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.longs().between(0, 60),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                                Tuple.of(4, Arbitraries.longs().between(1, 15))),
                        Arbitraries.longs().between(1, 10), Arbitraries.integers().between(1, 4),
                        Arbitraries.longs().between(0, 120))
                .as((cycles, extraHoldSeconds, deferMinutes, partnerMinutes, partnerIncidents, gapSeconds) ->
                        new CareSettings(cycles, CareSettings.BREATHING_CYCLE.multipliedBy(cycles)
                                .plusSeconds(extraHoldSeconds), Duration.ofMinutes(deferMinutes),
                                Duration.ofMinutes(partnerMinutes), partnerIncidents, OptionalInt.empty(),
                                LocalTime.of(22, 0), LocalTime.of(7, 0), Duration.ofSeconds(gapSeconds)));
    }

    private static Arbitrary<Op> ops(Arbitrary<StressState> states, boolean stressful, boolean commands) {
        Arbitrary<String> who = Arbitraries.of(RESPONDERS);
        Arbitrary<Integer> incident = Arbitraries.integers().between(0, 9);
        List<Tuple.Tuple2<Integer, Arbitrary<Op>>> choices = new ArrayList<>(List.of(
                Tuple.of(3, Arbitraries.of(Severity.class).map(s -> (Op) new Alert(s))),
                Tuple.of(5, Combinators.combine(who, states).as((r, s) -> (Op) new Stress(r, s))),
                Tuple.of(8, Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.longs().between(0, 20)),
                        Tuple.of(2, Arbitraries.longs().between(20, 1200))).map(s -> (Op) new Advance(s))),
                Tuple.of(3, Combinators.combine(Arbitraries.longs().between(0, 8),
                                stressful ? Arbitraries.of(true, false) : Arbitraries.just(false))
                        .as((s, acute) -> (Op) new AdvanceNearWake(s, acute)))));
        if (commands) {
            choices.add(Tuple.of(2, Combinators.combine(incident, who).as((i, b) -> (Op) new Acknowledge(i, b))));
            choices.add(Tuple.of(1, Combinators.combine(incident, who).as((i, b) -> (Op) new Resolve(i, b))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<Scenario> scenarios(Arbitrary<StressState> states, boolean stressful, boolean commands) {
        return Combinators.combine(settings(), policies(), ops(states, stressful, commands).list().ofMinSize(1).ofMaxSize(40))
                .as(Scenario::new);
    }

    @Provide
    Arbitrary<Scenario> withCommands() {
        return scenarios(Arbitraries.of(StressState.class), true, true);
    }

    @Provide
    Arbitrary<Scenario> alertsAndStressOnly() {
        return scenarios(Arbitraries.of(StressState.class), true, false);
    }

    @Provide
    Arbitrary<Scenario> unknownThroughout() {
        return scenarios(Arbitraries.just(StressState.UNKNOWN), false, true);
    }

    // ---- running ----

    private static Runs run(Scenario scenario) {
        CareWorld care = CareWorld.care(scenario.settings(), scenario.policy(), PARTNERS, T0);
        CareWorld plain = CareWorld.plain(scenario.settings(), scenario.policy(), T0);
        int alerts = 0;
        List<Op> ops = new ArrayList<>();
        for (Op op : scenario.ops()) {
            ops.add(op);
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op instanceof AdvanceNearWake near) {
                Instant target = care.nextWake().map(w -> w.minusSeconds(near.secondsBefore()))
                        .filter(t -> t.isAfter(care.now)).orElse(care.now);
                op = new Advance(Duration.between(care.now, target).toSeconds());
                if (near.acute() && !care.issued.isEmpty()) {
                    ops.add(i + 1, new Stress(care.issued.get(care.issued.size() - 1).page().responderId(),
                            StressState.ACUTE));
                }
            }
            for (CareWorld world : List.of(care, plain)) {
                if (op instanceof Alert alert) {
                    world.alert("inc-" + alerts, alert.severity());
                } else if (op instanceof Acknowledge ack) {
                    command(world, ack.incident(), alerts, new EscalationCommand.Acknowledge(ack.by()));
                } else if (op instanceof Resolve resolve) {
                    command(world, resolve.incident(), alerts, new EscalationCommand.Resolve(resolve.by()));
                } else if (op instanceof Stress stress) {
                    world.stress(stress.responder(), stress.state());
                } else if (op instanceof Advance advance) {
                    world.advance(Duration.ofSeconds(advance.seconds()));
                }
            }
            if (op instanceof Alert) {
                alerts++;
            }
        }
        care.advance(DRAIN);
        plain.advance(DRAIN);
        return new Runs(care, plain);
    }

    private static void command(CareWorld world, int incident, int alerts, EscalationCommand command) {
        if (alerts > 0) {
            world.command("inc-" + (incident % alerts), command);
        }
    }

    /** A page without its timing: who, at which step of which round, why. */
    private static String what(CareWorld.Issued issued) {
        var page = issued.page();
        return page.incidentId() + "/" + page.responderId() + "/" + page.round() + "/" + page.step() + "/"
                + page.reason();
    }

    private static String whatAndWhen(CareWorld.Issued issued) {
        return what(issued) + "@" + issued.at();
    }

    // ---- properties ----

    @Property(tries = 300)
    void noPageIsEverDropped(@ForAll("alertsAndStressOnly") Scenario scenario) {
        Runs runs = run(scenario);

        assertThat(runs.care().issued.stream().map(CareSafetyProperties::what).sorted())
                .containsExactlyElementsOf(runs.plain().issued.stream().map(CareSafetyProperties::what).sorted()
                        .toList());
        assertThat(runs.care().stored.values()).allSatisfy(p -> assertThat(p.heldPages()).isEmpty());
    }

    @Property(tries = 300)
    void heldPagesGoOutUnlessTheIncidentWasAcknowledgedOrResolvedFirst(@ForAll("withCommands") Scenario scenario) {
        Runs runs = run(scenario);

        runs.care().stored.forEach((incident, progress) -> {
            assertThat(progress.heldPages()).isEmpty();
            List<TimelineEntry> timeline = runs.care().timeline(incident);
            for (int i = 0; i < timeline.size(); i++) {
                if (timeline.get(i).kind() == TimelineKind.HOLD_CANCELLED) {
                    TimelineEntry cancelled = timeline.get(i);
                    assertThat(timeline.subList(i, timeline.size()))
                            .anySatisfy(e -> {
                                assertThat(e.at()).isEqualTo(cancelled.at());
                                assertThat(e.kind()).isIn(TimelineKind.ACKNOWLEDGED, TimelineKind.RESOLVED,
                                        TimelineKind.SNOOZED);
                            });
                }
            }
        });
    }

    @Property(tries = 300)
    void stressDelaysAPageAtMostByItsBoundAndCriticalPagesNotAtAll(@ForAll("withCommands") Scenario scenario) {
        Runs runs = run(scenario);
        Duration deferMax = scenario.settings().deferMax();

        for (CareWorld.Issued issued : runs.care().issued) {
            Duration delay = Duration.between(issued.page().dueAt(), issued.at());
            assertThat(delay).as("a page waits at most defer_max").isBetween(Duration.ZERO, deferMax);
            if (runs.care().stored.get(issued.page().incidentId()).severity().isCritical()) {
                assertThat(delay).isZero();
            }
        }
        runs.care().timelines.values().forEach(timeline -> timeline.stream()
                .filter(e -> e.kind() == TimelineKind.TIMER_HELD)
                .forEach(e -> assertThat(Duration.between(e.at(), Instant.parse(e.fields().get("until"))))
                        .as("an escalation timer waits at most the breathing window")
                        .isLessThanOrEqualTo(scenario.settings().breathingWindow())));
        List<String> criticalCare = criticalPages(runs.care());
        assertThat(criticalCare).as("critical incidents page exactly as the plain pager does")
                .containsExactlyElementsOf(criticalPages(runs.plain()));
    }

    @Property(tries = 300)
    void theDelayAddedToEachPageStaysWithinTheBoundOfEveryStepBeforeIt(@ForAll("alertsAndStressOnly") Scenario scenario) {
        Runs runs = run(scenario);
        Duration bound = scenario.settings().engineMaxHold();
        Map<String, List<CareWorld.Issued>> plainByWhat = new HashMap<>();
        runs.plain().issued.forEach(i -> plainByWhat.computeIfAbsent(what(i), k -> new ArrayList<>()).add(i));
        Map<String, Integer> seen = new HashMap<>();
        int steps = scenario.policy().steps().size();

        for (CareWorld.Issued issued : runs.care().issued.stream()
                .sorted(Comparator.comparing(CareWorld.Issued::at)).toList()) {
            int index = seen.merge(what(issued), 1, Integer::sum) - 1;
            CareWorld.Issued plain = plainByWhat.get(what(issued)).get(index);
            long walked = (long) issued.page().round() * steps + issued.page().step() + 1;
            Duration added = Duration.between(plain.at(), issued.at());
            assertThat(added).isLessThanOrEqualTo(bound.multipliedBy(walked));
        }
    }

    @Property(tries = 300)
    void withoutHeartRateDataEveryPageGoesOutExactlyAsThePlainPagerSendsIt(
            @ForAll("unknownThroughout") Scenario scenario) {
        Runs runs = run(scenario);

        assertThat(runs.care().issued.stream().map(CareSafetyProperties::whatAndWhen).toList())
                .containsExactlyElementsOf(runs.plain().issued.stream().map(CareSafetyProperties::whatAndWhen).toList());
        runs.care().stored.forEach((incident, progress) ->
                assertThat(runs.care().timeline(incident).stream().map(TimelineEntry::kind)
                        .filter(k -> k != TimelineKind.PARTNER_PAGED).toList())
                        .containsExactlyElementsOf(runs.plain().timeline(incident).stream().map(TimelineEntry::kind)
                                .toList()));
    }

    @Property(tries = 300)
    void everyStressDrivenActionIsOnTheIncidentTimeline(@ForAll("withCommands") Scenario scenario) {
        Runs runs = run(scenario);
        CareWorld care = runs.care();

        Map<String, Integer> actions = new HashMap<>();
        for (CareAction action : care.careActions) {
            actions.merge(action.incidentId() + "/" + kindOf(action), 1, Integer::sum);
        }
        actions.forEach((key, count) -> {
            String incident = key.substring(0, key.indexOf('/'));
            TimelineKind kind = TimelineKind.valueOf(key.substring(key.indexOf('/') + 1));
            assertThat(care.timeline(incident).stream().filter(e -> e.kind() == kind).count())
                    .as(key).isGreaterThanOrEqualTo(count);
        });
        for (CareWorld.Issued issued : care.issued) {
            if (issued.at().isAfter(issued.page().dueAt())) {
                assertThat(care.timeline(issued.page().incidentId())).as("the hold of " + whatAndWhen(issued))
                        .anySatisfy(e -> {
                            assertThat(e.kind()).isEqualTo(TimelineKind.PAGE_HELD);
                            assertThat(e.at()).isEqualTo(issued.page().dueAt());
                            assertThat(e.fields()).containsEntry("responder", issued.page().responderId());
                            assertThat(e.fields().get("holdReason")).isNotBlank();
                        });
            }
        }
        care.timelines.values().forEach(timeline -> assertThat(timeline).allSatisfy(e -> {
            if (e.kind() == TimelineKind.TIMER_HELD) {
                assertThat(e.fields().get("holdReason")).isNotBlank();
            }
            assertThat(e.text()).doesNotContainIgnoringCase("bpm");
        }));
        care.stored.forEach((incident, progress) -> {
            if (progress.status() != IncidentStatus.RESOLVED) {
                assertThat(progress.timerHeldUntil()).isNull();
            }
        });
    }

    private static TimelineKind kindOf(CareAction action) {
        if (action instanceof CareAction.SendBreathingPrompt) {
            return TimelineKind.BREATHING_PROMPT;
        }
        return action instanceof CareAction.SendGroundingPrompt ? TimelineKind.GROUNDING_PROMPT
                : TimelineKind.PARTNER_PAGED;
    }

    private static List<String> criticalPages(CareWorld world) {
        return world.issued.stream().filter(i -> world.stored.get(i.page().incidentId()).severity().isCritical())
                .map(CareSafetyProperties::whatAndWhen).toList();
    }
}
