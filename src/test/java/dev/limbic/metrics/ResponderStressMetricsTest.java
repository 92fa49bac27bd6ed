package dev.limbic.metrics;

import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;
import dev.limbic.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResponderStressMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final ResponderStressMetrics metrics = new ResponderStressMetrics(registry, clock,
            Map.of("alex", "sre", "sam", "none"));

    private double state(String responder, StressState state) {
        return registry.get("limbic.responder.stress.state").tag("responder", responder).tag("state", state.name())
                .gauge().value();
    }

    private double seconds(String responder, StressState state) {
        return registry.get("limbic.responder.stress.seconds").tag("responder", responder).tag("state", state.name())
                .functionCounter().count();
    }

    private void enter(String responder, StressState from, StressState to) {
        metrics.onTransition(responder, new StressTransition(from, to, clock.millis(), 90, 70, "test"));
    }

    @Test
    void everyOptedInResponderHasAllFourStatesFromTheStartInUnknown() {
        for (String responder : new String[]{"alex", "sam"}) {
            assertThat(registry.find("limbic.responder.stress.state").tag("responder", responder).gauges()).hasSize(4);
            assertThat(registry.find("limbic.responder.stress.seconds").tag("responder", responder).functionCounters())
                    .hasSize(4);
            assertThat(state(responder, StressState.UNKNOWN)).isEqualTo(1);
            assertThat(state(responder, StressState.CALM)).isZero();
        }
        assertThat(registry.get("limbic.responder.stress.state").tag("responder", "alex").tag("state", "ACUTE")
                .gauge().getId().getTag("team")).isEqualTo("sre");
    }

    @Test
    void theCurrentStateIsOneAndTheOthersZero() {
        enter("alex", StressState.UNKNOWN, StressState.CALM);
        enter("alex", StressState.CALM, StressState.ACUTE);

        assertThat(state("alex", StressState.ACUTE)).isEqualTo(1);
        assertThat(state("alex", StressState.CALM) + state("alex", StressState.UNKNOWN)
                + state("alex", StressState.ELEVATED)).isZero();
        assertThat(state("sam", StressState.UNKNOWN)).as("others unchanged").isEqualTo(1);
    }

    @Test
    void secondsInEachStateIncludeTheCurrentStretch() {
        clock.advance(Duration.ofSeconds(10));
        enter("alex", StressState.UNKNOWN, StressState.CALM);
        clock.advance(Duration.ofSeconds(60));
        enter("alex", StressState.CALM, StressState.ELEVATED);
        clock.advance(Duration.ofSeconds(30));

        assertThat(seconds("alex", StressState.UNKNOWN)).isEqualTo(10);
        assertThat(seconds("alex", StressState.CALM)).isEqualTo(60);
        assertThat(seconds("alex", StressState.ELEVATED)).isEqualTo(30);
        assertThat(seconds("alex", StressState.ACUTE)).isZero();
        assertThat(seconds("sam", StressState.UNKNOWN)).isEqualTo(100);
    }

    @Test
    void aClockSteppingBackNeverLowersACounter() {
        clock.advance(Duration.ofSeconds(30));
        assertThat(seconds("alex", StressState.UNKNOWN)).isEqualTo(30);
        clock.advance(Duration.ofSeconds(-20));
        assertThat(seconds("alex", StressState.UNKNOWN)).isEqualTo(30);
    }

    @Test
    void aResponderNotKnownAtStartIsCountedFromTheirFirstTransition() {
        enter("kim", StressState.UNKNOWN, StressState.CALM);

        assertThat(state("kim", StressState.CALM)).isEqualTo(1);
        assertThat(registry.get("limbic.responder.stress.state").tag("responder", "kim").tag("state", "CALM")
                .gauge().getId().getTag("team")).isEqualTo("none");
    }
}
