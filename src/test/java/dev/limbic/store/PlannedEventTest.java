package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the intake prepares for each event on the submitting thread, before any database work. */
class PlannedEventTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void labelsJsonHoldsEveryLabelWithWhatJsonMustEscape() {
        Map<String, String> labels = Map.of("quote\"d", "a\"b", "back\\slash", "c:\\temp", "control", "tab\t new\n\u0001",
                "unicode", "\u00e9 \uD83D\uDEA8", "empty", "");
        PlannedEvent planned = DurableAlertIntake.plan(event(labels, "{}"), e -> "p");

        assertThat(new JsonObject(planned.labelsJson()).getMap()).isEqualTo(labels);
        assertThat(DurableAlertIntake.plan(event(Map.of(), "{}"), e -> "p").labelsJson()).isEqualTo("{}");
    }

    @Test
    void aNulBecomesTheReplacementCharacterEverywhere() {
        PlannedEvent planned = DurableAlertIntake.plan(event(Map.of("a\0", "b\0"), "{\"x\":\"\\u0000\"}"), e -> "p");

        assertThat(planned.event().labels()).isEqualTo(Map.of("a\uFFFD", "b\uFFFD"));
        assertThat(new JsonObject(planned.labelsJson()).getMap()).isEqualTo(Map.of("a\uFFFD", "b\uFFFD"));
        assertThat(planned.event().detailsJson()).isEqualTo("{\"x\":\"\\ufffd\"}");
    }

    @Test
    void detailsThatAreNotOneJsonValueAreRefused() {
        for (String details : new String[]{"{", "{} {}", "{\"a\":}", "nope"}) {
            assertThatThrownBy(() -> DurableAlertIntake.plan(event(Map.of(), details), e -> "p"))
                    .as(details).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("details");
        }
    }

    @Test
    void onlyATriggerIsRouted() {
        assertThat(DurableAlertIntake.plan(event(Map.of(), "{}"), e -> "p").policyId()).isEqualTo("p");
        AlertEvent resolve = new AlertEvent("am", "k", AlertAction.RESOLVE, Severity.ERROR, "s", "", Map.of(), "{}",
                RECEIVED);
        assertThat(DurableAlertIntake.plan(resolve, e -> "p").policyId()).isNull();
    }

    private static AlertEvent event(Map<String, String> labels, String details) {
        return new AlertEvent("am", "k", AlertAction.TRIGGER, Severity.ERROR, "s", "", labels, details, RECEIVED);
    }
}
