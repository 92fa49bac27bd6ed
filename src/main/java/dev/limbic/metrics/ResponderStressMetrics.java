package dev.limbic.metrics;

import dev.limbic.stress.StressListener;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each opted-in responder's derived stress state, for leads (never a heart rate):
 * <ul>
 *   <li>{@code limbic_responder_stress_state{responder,team,state}}: 1 for the current state, 0 for the other three;
 *       all four series for every responder from the start (everyone starts {@code UNKNOWN});</li>
 *   <li>{@code limbic_responder_stress_seconds_total{responder,team,state}}: seconds spent in each state, on the
 *       gateway's clock, the current stretch included up to the moment of the scrape.</li>
 * </ul>
 * Transitions come from any event loop and scrapes from a worker thread: each responder's figures are guarded by
 * their own lock, held for a few arithmetic operations.
 */
public final class ResponderStressMetrics implements StressListener {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, String> teamByResponder;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();

    /**
     * @param teamByResponder every opted-in responder's id and {@code team} label; a responder who is not in it
     *                        gets the label {@code none} at their first transition
     */
    public ResponderStressMetrics(MeterRegistry registry, Clock clock, Map<String, String> teamByResponder) {
        this.registry = registry;
        this.clock = clock;
        this.teamByResponder = Map.copyOf(teamByResponder);
        teamByResponder.keySet().forEach(this::responder);
    }

    @Override
    public void onTransition(String responderId, StressTransition transition) {
        // Counted from when the gateway learns of it, on the clock scrapes read, so no counter ever steps back.
        responder(responderId).enter(transition.to(), clock.millis());
    }

    private Responder responder(String id) {
        return responders.computeIfAbsent(id, key -> {
            Responder responder = new Responder(clock.millis());
            String team = teamByResponder.getOrDefault(key, "none");
            for (StressState state : StressState.values()) {
                Gauge.builder("limbic.responder.stress.state", responder, r -> r.is(state))
                        .description("1 for the responder's current stress state, 0 for the others")
                        .tag("responder", key).tag("team", team).tag("state", state.name()).register(registry);
                FunctionCounter.builder("limbic.responder.stress.seconds", responder, r -> r.seconds(state, clock.millis()))
                        .description("Seconds the responder spent in each stress state")
                        .tag("responder", key).tag("team", team).tag("state", state.name()).register(registry);
            }
            return responder;
        });
    }

    /** One responder's current state, since when, and the time spent in earlier stretches of each state. */
    private static final class Responder {
        private final long[] pastMillis = new long[StressState.values().length];
        private final double[] reported = new double[StressState.values().length];
        private StressState current = StressState.UNKNOWN;
        private long sinceMillis;

        Responder(long sinceMillis) {
            this.sinceMillis = sinceMillis;
        }

        synchronized void enter(StressState state, long atMillis) {
            pastMillis[current.ordinal()] += Math.max(0, atMillis - sinceMillis);
            current = state;
            sinceMillis = Math.max(sinceMillis, atMillis);
        }

        synchronized double is(StressState state) {
            return current == state ? 1 : 0;
        }

        synchronized double seconds(StressState state, long nowMillis) {
            long millis = pastMillis[state.ordinal()] + (current == state ? Math.max(0, nowMillis - sinceMillis) : 0);
            reported[state.ordinal()] = Math.max(reported[state.ordinal()], millis / 1000.0);
            return reported[state.ordinal()];
        }
    }
}
