package dev.limbic.firmware;

import dev.limbic.heartrate.HeartRateMeasurement;

import java.time.Duration;
import java.util.Objects;

/**
 * A departure of a device family from the Heart Rate profile, and how Limbic corrects for it. Quirks that change
 * frames do so in place on the reusable {@link HeartRateMeasurement}, allocating nothing.
 */
public sealed interface Quirk {
    /** The quirk's id in profile files. */
    String id();

    /**
     * Corrects one decoded frame.
     *
     * @param sinceConnectMillis how long the link that carried the frame has been up
     */
    void correct(HeartRateMeasurement measurement, long sinceConnectMillis);

    /** {@code drop_rr_below}: drops RR values under {@code millis} (the frame's other values stay). */
    record DropRrBelow(int millis) implements Quirk {
        public static final String ID = "drop_rr_below";

        public DropRrBelow {
            if (millis <= 0) {
                throw new IllegalArgumentException("ms must be positive, was " + millis);
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
            measurement.removeRrIntervalsShorterThan(millis);
        }
    }

    /** {@code discard_rr_after_connect}: ignores RR values for {@code window} after every (re)connect. */
    record DiscardRrAfterConnect(Duration window) implements Quirk {
        public static final String ID = "discard_rr_after_connect";

        public DiscardRrAfterConnect {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("seconds must be positive, was " + window.toSeconds());
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
            if (sinceConnectMillis < window.toMillis()) {
                measurement.removeRrIntervals();
            }
        }
    }

    /** {@code contact_unreliable}: the sensor-contact bits cannot be trusted, so contact counts as not supported. */
    record ContactUnreliable() implements Quirk {
        public static final String ID = "contact_unreliable";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
            measurement.treatContactAsUnsupported();
        }
    }

    /** {@code energy_stuck}: an energy field equal to {@code value} (stuck until reset) counts as absent. */
    record EnergyStuck(int value) implements Quirk {
        public static final String ID = "energy_stuck";

        public EnergyStuck {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("value must be between 0 and 65535, was " + value);
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
            if (measurement.hasEnergyExpended() && measurement.energyExpendedKj() == value) {
                measurement.removeEnergyExpended();
            }
        }
    }

    /**
     * {@code link_drops_off_body}: the device drops its link {@code after} it leaves the body. Frames are not
     * changed; the link watchdog learns that such silence is expected.
     */
    record LinkDropsOffBody(Duration after) implements Quirk {
        public static final String ID = "link_drops_off_body";

        public LinkDropsOffBody {
            Objects.requireNonNull(after, "after");
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("seconds must be positive, was " + after.toSeconds());
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
            // a property of the link, not of frames
        }
    }
}
