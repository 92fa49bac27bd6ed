package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.stress.StressState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The load figures per responder and team, and the fatigue budget that reroutes night pages. */
class LoadLedgerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final CareSettings settings = new CareSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofMinutes(3), 3, OptionalInt.of(2), LocalTime.of(22, 0), LocalTime.of(7, 0), Duration.ofMinutes(1));
    private final LoadLedger ledger = new LoadLedger(settings,
            Map.of("ada", BERLIN, "bob", BERLIN, "cy", NEW_YORK)::get);

    private static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void nightPagesAreCountedInTheRespondersOwnTimezone() {
        ledger.onPaged("ada", "inc-1", berlin("2026-06-01T22:30"));
        ledger.onPaged("ada", "inc-2", berlin("2026-06-02T07:30"));
        ledger.onPaged("cy", "inc-3", berlin("2026-06-02T07:30"));

        Instant now = berlin("2026-06-02T08:00");
        assertThat(ledger.figures("ada", berlin("2026-06-01T09:00"), now).nightPagesThisWeek()).isEqualTo(1);
        assertThat(ledger.figures("ada", berlin("2026-06-01T09:00"), now).pagesThisShift()).isEqualTo(2);
        assertThat(ledger.figures("cy", berlin("2026-06-01T09:00"), now).nightPagesThisWeek())
                .as("07:30 in Berlin is 01:30 in New York").isEqualTo(1);
        assertThat(ledger.figures("ada", berlin("2026-06-09T08:00"), berlin("2026-06-09T08:00")).nightPagesThisWeek())
                .as("a week later").isZero();
    }

    @Test
    void stressedTimeOpenIncidentsAndTeamsAreDerivedFigures() {
        Instant t0 = berlin("2026-06-01T12:00");
        ledger.onStateChange("ada", StressState.ELEVATED, t0);
        ledger.onStateChange("ada", StressState.ACUTE, t0.plusSeconds(60));
        ledger.onStateChange("ada", StressState.CALM, t0.plusSeconds(90));
        ledger.onStateChange("ada", StressState.ELEVATED, t0.plusSeconds(200));
        ledger.onPaged("ada", "inc-1", t0);
        ledger.onPaged("bob", "inc-1", t0);
        ledger.onPaged("bob", "inc-2", t0);
        ledger.onIncidentResolved("inc-1");

        LoadFigures ada = ledger.figures("ada", t0, t0.plusSeconds(210));
        assertThat(ada.stressedSeconds()).isEqualTo(100);
        assertThat(ada.openIncidents()).isZero();
        LoadFigures team = ledger.teamFigures("core", List.of("ada", "bob", "dee"), r -> t0, t0.plusSeconds(210));
        assertThat(team).isEqualTo(new LoadFigures("core", 3, 0, 100, 1, 0));
    }

    @Test
    void aSpentBudgetRoutesNonCriticalNightPagesToTheNextPerson() {
        ledger.onPaged("ada", "inc-1", berlin("2026-06-01T23:00"));
        ledger.onPaged("ada", "inc-2", berlin("2026-06-02T02:00"));
        Instant night = berlin("2026-06-02T03:00");

        assertThat(ledger.figures("ada", night, night).budgetsSpent()).isEqualTo(1);
        assertThat(ledger.rerouteTo("ada", Severity.WARNING, List.of("ada", "bob", "cy"), night)).contains("bob");
        assertThat(ledger.rerouteTo("ada", Severity.CRITICAL, List.of("bob"), night)).isEmpty();
        assertThat(ledger.rerouteTo("ada", Severity.WARNING, List.of("bob"), berlin("2026-06-02T12:00")))
                .as("by day the night budget does not apply").isEmpty();
        assertThat(ledger.rerouteTo("bob", Severity.WARNING, List.of("ada"), night)).as("bob's budget is not spent")
                .isEmpty();
    }

    @Test
    void whenEveryoneElsesBudgetIsSpentTooThePageStaysWithTheResponder() {
        for (String who : List.of("ada", "bob")) {
            ledger.onPaged(who, "inc-1", berlin("2026-06-01T23:00"));
            ledger.onPaged(who, "inc-2", berlin("2026-06-02T02:00"));
        }
        Instant night = berlin("2026-06-02T03:00");

        assertThat(ledger.rerouteTo("ada", Severity.ERROR, List.of("bob"), night)).isEmpty();
        assertThat(ledger.rerouteTo("ada", Severity.ERROR, List.of("bob", "cy"), night))
                .as("21:00 in New York is not night").contains("cy");
    }

    @Test
    void withoutABudgetNothingIsRerouted() {
        LoadLedger noBudget = new LoadLedger(CareSettings.defaults(), r -> BERLIN);
        for (int i = 0; i < 20; i++) {
            noBudget.onPaged("ada", "inc-" + i, berlin("2026-06-02T02:00").plusSeconds(i));
        }

        assertThat(noBudget.rerouteTo("ada", Severity.INFO, List.of("bob"), berlin("2026-06-02T03:00"))).isEmpty();
        assertThat(noBudget.figures("ada", berlin("2026-06-02T00:00"), berlin("2026-06-02T03:00")).budgetsSpent()).isZero();
    }
}
