package dev.limbic.delivery;

import java.time.Duration;
import java.util.Objects;

/** What to do after a delivery attempt, as decided by {@link RetryPolicy}. */
public sealed interface NextStep {

    /** The notification got through; nothing more to do. */
    record Done() implements NextStep {
    }

    /**
     * Try the same channel again after {@code delay}.
     *
     * @param delay how long to wait first
     */
    record RetrySameChannel(Duration delay) implements NextStep {
        public RetrySameChannel {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Give up on this channel and try the responder's next one now.
     *
     * @param channelIndex the position of the next channel in the responder's list
     */
    record NextChannel(int channelIndex) implements NextStep {
    }

    /** Every channel failed; the notification was not delivered (the escalation engine moves on). */
    record Exhausted() implements NextStep {
    }
}
