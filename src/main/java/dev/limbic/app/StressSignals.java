package dev.limbic.app;

import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.paging.ResponderSignals;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressMonitor;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Each responder's own signal from the stress monitor, for their responder page: smoothed heart rate, stress state,
 * whether their sensor is sending (a valid reading within {@value #CONNECTED_WITHIN_MILLIS} ms) and, for a strap
 * linked over the gateway's Bluetooth, its battery level (the network ingest carries none: null). Only for
 * responders who opted in to heart-rate monitoring.
 */
final class StressSignals implements ResponderSignals {
    static final long CONNECTED_WITHIN_MILLIS = 5_000;

    private final LimbicConfig config;
    private final StressMonitor monitor;
    private final Clock clock;
    private final Function<String, OptionalInt> battery;

    StressSignals(LimbicConfig config, StressMonitor monitor, Clock clock, Function<String, OptionalInt> battery) {
        this.config = config;
        this.monitor = monitor;
        this.clock = clock;
        this.battery = battery;
    }

    private record Reading(double bpm, String state, long lastReadingMillis) {
    }

    private Integer batteryOf(String responderId) {
        OptionalInt percent = battery.apply(responderId);
        return percent.isPresent() ? percent.getAsInt() : null;
    }

    @Override
    public JsonObject signalOf(String responderId) {
        boolean monitored = config.responder(responderId).map(ResponderConfig::heartRateMonitoring).orElse(false);
        if (!monitored) {
            return ResponderSignals.NONE.signalOf(responderId);
        }
        Reading reading = monitor.read(responderId, (StressDetector d) ->
                new Reading(d.heartRateBpm(), d.state().name().toLowerCase(Locale.ROOT), d.lastReadingMillis()));
        long now = clock.millis();
        boolean seen = reading != null && reading.lastReadingMillis() != Long.MIN_VALUE;
        long ageMillis = seen ? Math.max(0, now - reading.lastReadingMillis()) : -1;
        JsonObject sensor = new JsonObject()
                .put("connected", seen && ageMillis <= CONNECTED_WITHIN_MILLIS)
                .put("last_reading_seconds_ago", seen ? ageMillis / 1000 : null)
                .put("battery_percent", batteryOf(responderId));
        return new JsonObject().put("monitoring", true)
                .put("heart_rate_bpm", reading != null && !Double.isNaN(reading.bpm()) ? Math.round(reading.bpm()) : null)
                .put("state", reading == null ? "unknown" : reading.state())
                .put("sensor", sensor);
    }
}
