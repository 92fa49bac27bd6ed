package dev.limbic.paging;

import io.vertx.core.json.JsonObject;

/**
 * A responder's own signal for their page: current heart rate, stress state, sensor connection and battery, as
 * JSON. Health data: it is only ever shown to the responder it belongs to, never logged or counted.
 */
@FunctionalInterface
public interface ResponderSignals {
    /** Nothing known about anybody (a gateway without heart-rate monitoring). */
    ResponderSignals NONE = responderId -> new JsonObject().put("monitoring", false);

    /**
     * {@code responderId}'s signal now: {@code {"monitoring": true, "heart_rate_bpm": 72, "state": "calm",
     * "sensor": {"connected": true, "last_reading_seconds_ago": 1, "battery_percent": 80}}} (absent values null).
     */
    JsonObject signalOf(String responderId);
}
