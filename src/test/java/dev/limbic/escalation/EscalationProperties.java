package dev.limbic.escalation;

import dev.limbic.alert.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safety of the escalation core over random policies, holds, commands and clock advances: no page is dropped, no
 * hold reaches past its bound, critical incidents are never held, no step is skipped, and a restart loses nothing.
 */
class EscalationProperties {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<String> RESPONDERS = List.of("ada", "bob", "cy");

    /** A stretch of time in which the advisor asks to hold pages to, or escalation past, one responder. */
    record HoldWindow(String responder, HoldAdvisor.Subject subject, long fromMinute, long toMinute, long untilMinute) {
    }

    /** What the test does next. */
    sealed interface Op {
    }

    record Advance(long minutes) implements Op {
    }

    record Command(EscalationCommand command) implements Op {
    }

    record Scenario(EscalationPolicy policy, Severity severity, Duration maxHold, List<HoldWindow> holds, List<Op> ops) {
    }

    // ---- generators ----

    private static Arbitrary<EscalationStep> steps(boolean mayBeEmpty) {
        Arbitrary<Target> target = mayBeEmpty
                ? Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(RESPONDERS).map(Target::responder)),
                Tuple.of(1, Arbitraries.just(Target.schedule("nobody"))))
                : Arbitraries.of(RESPONDERS).map(Target::responder);
        return Combinators.combine(target.list().ofMinSize(1).ofMaxSize(2), Arbitraries.longs().between(1, 20))
                .as((targets, delay) -> new EscalationStep(targets, Duration.ofMinutes(delay)));
    }

    private static Arbitrary<EscalationPolicy> policies(boolean mayHaveEmptySteps) {
        return Combinators.combine(steps(mayHaveEmptySteps).list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)), Tuple.of(2, Arbitraries.longs().between(5, 40))))
                .as((steps, repeat, ack) -> new EscalationPolicy("p", steps, repeat, Duration.ofMinutes(ack)));
    }

    private static Arbitrary<HoldWindow> holdWindows() {
        return Combinators.combine(Arbitraries.of(RESPONDERS), Arbitraries.of(HoldAdvisor.Subject.class),
                        Arbitraries.longs().between(0, 120), Arbitraries.longs().between(1, 40),
                        Arbitraries.longs().between(-5, 40))
                .as((responder, subject, from, length, until) ->
                        new HoldWindow(responder, subject, from, from + length, from + until));
    }

    private static Arbitrary<Op> ops() {
        Arbitrary<String> who = Arbitraries.of(RESPONDERS);
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.longs().between(0, 25).map(Advance::new)),
                Tuple.of(2, who.map(b -> new Command(new EscalationCommand.Acknowledge(b)))),
                Tuple.of(1, Combinators.combine(who, Arbitraries.longs().between(1, 60)).as((b, m) -> (Op) new Command(
                        new EscalationCommand.Snooze(b, Instant.EPOCH.plus(Duration.ofMinutes(m))))))
                        ,
                Tuple.of(2, who.map(b -> new Command(new EscalationCommand.EscalateNow(b)))),
                Tuple.of(1, Combinators.combine(who, who).as((b, r) -> (Op) new Command(new EscalationCommand.Reassign(b, r)))),
                Tuple.of(1, who.map(b -> new Command(new EscalationCommand.Resolve(b)))));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Builders.withBuilder(() -> new Object[5])
                .use(policies(true)).in((a, p) -> set(a, 0, p))
                .use(Arbitraries.of(Severity.class)).in((a, s) -> set(a, 1, s))
                .use(Arbitraries.longs().between(0, 15).map(Duration::ofMinutes)).in((a, m) -> set(a, 2, m))
                .use(holdWindows().list().ofMaxSize(6)).in((a, h) -> set(a, 3, h))
                .use(ops().list().ofMinSize(1).ofMaxSize(25)).in((a, o) -> set(a, 4, o))
                .build(a -> new Scenario((EscalationPolicy) a[0], (Severity) a[1], (Duration) a[2], cast(a[3]), cast(a[4])));
    }

    private static Object[] set(Object[] array, int index, Object value) {
        array[index] = value;
        return array;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }

    private static HoldAdvisor advisorOf(List<HoldWindow> windows) {
        return (question, now) -> windows.stream()
                .filter(w -> w.responder().equals(question.responderId()) && w.subject() == question.subject())
                .filter(w -> !now.isBefore(minute(w.fromMinute())) && now.isBefore(minute(w.toMinute())))
                .findFirst()
                .map(w -> new Hold("window " + w, minute(w.untilMinute())));
    }

    private static Instant minute(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** Runs a scenario the way the Vert.x side would: evaluate at every wake-up, apply commands between. */
    private static EscalationHarness run(Scenario scenario) {
        return run(scenario, new EscalationEngine(scenario.maxHold(), advisorOf(scenario.holds())));
    }

    private static EscalationHarness run(Scenario scenario, EscalationEngine engine) {
        EscalationHarness h = new EscalationHarness(engine, scenario.policy(), (id, at) -> List.of(),
                scenario.severity(), T0);
        for (Op op : scenario.ops()) {
            if (op instanceof Advance advance) {
                h.advance(Duration.ofMinutes(advance.minutes()));
            } else if (op instanceof Command command) {
                EscalationCommand c = command.command();
                if (c instanceof EscalationCommand.Snooze snooze) {
                    // Generated with an offset from the epoch: snooze that long from now.
                    c = new EscalationCommand.Snooze(snooze.by(), h.now.plus(Duration.between(Instant.EPOCH, snooze.until())));
                }
                h.command(c);
            }
        }
        // Let every hold that is running play out (holds last at most 15 minutes here).
        h.advance(Duration.ofHours(2));
        return h;
    }

    // ---- properties ----

    @Property(tries = 300)
    void noHeldPageIsEverDroppedAndNoHoldOutlastsItsBound(@ForAll("scenarios") Scenario scenario) {
        EscalationHarness h = run(scenario);
        Duration maxHold = scenario.maxHold();

        for (EscalationHarness.Issued issued : h.issued) {
            Duration delay = Duration.between(issued.page().dueAt(), issued.at());
            assertThat(delay).as("stress delay of %s", issued).isBetween(Duration.ZERO, maxHold);
            if (scenario.severity().isCritical()) {
                assertThat(delay).as("critical pages never wait").isZero();
            }
        }
        for (EscalationHarness.Transition t : h.transitions) {
            Set<HeldPage> issuedNow = new LinkedHashSet<>();
            for (EscalationAction.Page page : t.outcome().pages()) {
                t.before().heldPages().stream().filter(held -> sameAs(held, page)).forEach(issuedNow::add);
            }
            boolean cancels = t.command() instanceof EscalationCommand.Acknowledge
                    || t.command() instanceof EscalationCommand.Snooze || t.command() instanceof EscalationCommand.Resolve;
            for (HeldPage held : t.before().heldPages()) {
                boolean kept = t.outcome().progress().heldPages().stream().anyMatch(after -> sameKey(held, after));
                assertThat(kept || issuedNow.contains(held) || cancels)
                        .as("held page %s was kept, issued or cancelled by an acknowledgement at %s", held, t.at()).isTrue();
            }
            EscalationProgress after = t.outcome().progress();
            for (HeldPage held : after.heldPages()) {
                assertThat(held.heldUntil()).isAfter(t.at()).isBeforeOrEqualTo(held.dueAt().plus(maxHold));
            }
            if (scenario.severity().isCritical()) {
                assertThat(after.heldPages()).isEmpty();
                assertThat(after.timerHeldUntil()).isNull();
            }
            if (after.timerHeldUntil() != null) {
                assertThat(after.timerHeldUntil()).isAfter(t.at()).isBeforeOrEqualTo(after.nextDueAt().plus(maxHold));
            }
        }
        assertThat(h.stored.heldPages()).as("every hold has run out at the end").isEmpty();
    }

    @Property(tries = 300)
    void everyDueTimerFiresAndNoStepIsSkipped(@ForAll("scenarios") Scenario scenario) {
        EscalationHarness h = run(scenario);
        EscalationPolicy policy = scenario.policy();

        for (EscalationHarness.Transition t : h.transitions) {
            EscalationProgress before = t.before();
            EscalationProgress after = t.outcome().progress();
            if (t.outcome().refusal().isEmpty()) {
                after.wakeAt().ifPresent(wake -> assertThat(wake).as("progress is made at %s", t.at()).isAfter(t.at()));
            }
            boolean timerDue = t.command() == null && before.status() == IncidentStatus.TRIGGERED
                    && before.nextDueAt() != null && !t.at().isBefore(before.nextDueAt());
            if (timerDue && !t.at().isBefore(before.nextDueAt().plus(scenario.maxHold()))) {
                assertThat(after.timerHeldUntil()).as("the escalation timer is never held past its bound").isNull();
                assertThat(t.outcome().timeline()).as("an overdue timer escalates at %s", t.at()).isNotEmpty();
            }
            List<int[]> chain = new ArrayList<>();
            chain.add(new int[]{before.round(), before.step()});
            t.outcome().timeline().stream().filter(e -> e.kind() == TimelineKind.STEP_SKIPPED || e.kind() == TimelineKind.PAGED
                            || e.kind() == TimelineKind.PAGE_HELD)
                    .filter(e -> !"reassigned".equals(e.fields().get("reason")))
                    .forEach(e -> chain.add(new int[]{Integer.parseInt(e.fields().get("round")), Integer.parseInt(e.fields().get("step"))}));
            chain.add(new int[]{after.round(), after.step()});
            Set<String> released = new LinkedHashSet<>();
            before.heldPages().forEach(held -> released.add(held.round() + "/" + held.step()));
            for (int i = 1; i < chain.size(); i++) {
                int[] from = chain.get(i - 1);
                int[] to = chain.get(i);
                if (released.contains(to[0] + "/" + to[1])) {
                    chain.set(i, from);
                    continue;
                }
                assertThat(legalMove(policy, from, to))
                        .as("move from step %d/%d to %d/%d at %s", from[0], from[1], to[0], to[1], t.at()).isTrue();
            }
        }
        if (h.stored.status() == IncidentStatus.TRIGGERED && h.stored.wakeAt().isEmpty()) {
            assertThat(h.timelineKinds()).as("a triggered incident stops escalating only when its policy ran out")
                    .contains(TimelineKind.POLICY_EXHAUSTED);
        }
    }

    @Property(tries = 200)
    void withoutHoldAdviceEveryPageGoesOutExactlyAsThePlainPagerSendsIt(@ForAll("scenarios") Scenario scenario) {
        Scenario noAdvice = new Scenario(scenario.policy(), scenario.severity(), scenario.maxHold(), List.of(), scenario.ops());

        EscalationHarness seam = run(noAdvice);
        EscalationHarness plain = run(noAdvice, EscalationEngine.plain());

        assertThat(seam.issued).isEqualTo(plain.issued);
        assertThat(seam.timeline).isEqualTo(plain.timeline);
    }

    /** A step is followed by itself (paged again), the next step, or the first step again (a new pass, or a retry). */
    private static boolean legalMove(EscalationPolicy policy, int[] from, int[] to) {
        boolean same = from[0] == to[0] && from[1] == to[1];
        boolean nextStep = to[0] == from[0] && to[1] == from[1] + 1;
        boolean nextRound = to[0] == from[0] + 1 && to[1] == 0 && from[1] == policy.steps().size() - 1;
        boolean startOver = to[0] == 0 && (to[1] == -1 || to[1] == 0);
        return same || nextStep || nextRound || startOver;
    }

    private static boolean sameAs(HeldPage held, EscalationAction.Page page) {
        return held.responderId().equals(page.responderId()) && held.round() == page.round() && held.step() == page.step()
                && held.dueAt().equals(page.dueAt()) && held.reason() == page.reason();
    }

    private static boolean sameKey(HeldPage a, HeldPage b) {
        return a.responderId().equals(b.responderId()) && a.round() == b.round() && a.step() == b.step()
                && a.dueAt().equals(b.dueAt()) && a.reason() == b.reason();
    }

    // ---- restart ----

    /** The process goes down {@code atMinute}, for {@code downMinutes}; with a lost write it had paged but not stored. */
    record Crash(long atMinute, long downMinutes, boolean lostWrite) {
    }

    @Provide
    Arbitrary<List<Crash>> crashes() {
        return Combinators.combine(Arbitraries.longs().between(0, 150), Arbitraries.longs().between(1, 600),
                Arbitraries.of(true, false)).as(Crash::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<EscalationPolicy> staffedPolicies() {
        return policies(false);
    }

    @Property(tries = 300)
    void restartsLoseNoPageSkipNoStepAndRepeatAStepAtMostOnce(@ForAll("staffedPolicies") EscalationPolicy policy,
                                                              @ForAll("crashes") List<Crash> crashes) {
        EscalationHarness reference = new EscalationHarness(EscalationEngine.plain(), policy, (id, at) -> List.of(),
                Severity.ERROR, T0);
        reference.advance(Duration.ofDays(2));

        EscalationHarness crashing = new EscalationHarness(EscalationEngine.plain(), policy, (id, at) -> List.of(),
                Severity.ERROR, T0);
        for (Crash crash : crashes.stream().sorted((a, b) -> Long.compare(a.atMinute(), b.atMinute())).toList()) {
            Instant at = minute(crash.atMinute());
            if (at.isBefore(crashing.now)) {
                continue;
            }
            crashing.advanceTo(at);
            Optional<Instant> wake = crashing.stored.wakeAt();
            if (crash.lostWrite() && wake.isPresent()) {
                crashing.now = wake.get();
                crashing.perform(crashing.engine.evaluate(crashing.stored, policy, crashing.onCall, crashing.now));
            }
            crashing.downFor(Duration.ofMinutes(crash.downMinutes()));
            crashing.evaluateNow();
        }
        crashing.advance(Duration.ofDays(2));

        List<String> expected = keys(reference);
        Map<String, Integer> counts = new HashMap<>();
        keys(crashing).forEach(k -> counts.merge(k, 1, Integer::sum));
        assertThat(new ArrayList<>(new LinkedHashSet<>(keys(crashing)))).as("the same pages, in the same order")
                .isEqualTo(expected);
        assertThat(counts.values()).as("each step's page at most twice").allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2));
        assertThat(new LinkedHashSet<>(expected)).hasSameSizeAs(expected);
    }

    private static List<String> keys(EscalationHarness h) {
        return h.issued.stream().map(i -> i.page().round() + "/" + i.page().step() + "/" + i.page().responderId()).toList();
    }
}
