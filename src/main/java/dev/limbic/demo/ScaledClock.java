package dev.limbic.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that runs {@code speed} times faster than {@code base} from the moment it is made: the demo's fast-forward. */
public final class ScaledClock extends Clock {
    private final Clock base;
    private final double speed;
    private final long originMillis;

    public ScaledClock(Clock base, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.base = base;
        this.speed = speed;
        this.originMillis = base.millis();
    }

    @Override
    public long millis() {
        return originMillis + Math.round((base.millis() - originMillis) * speed);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(base.withZone(zone), speed);
    }
}
