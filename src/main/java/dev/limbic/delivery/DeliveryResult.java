package dev.limbic.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one attempt to deliver a notification on one channel. A channel only says what happened;
 * whether and when to try again is decided by {@link RetryPolicy}.
 */
public sealed interface DeliveryResult {

    /** The channel accepted the notification. */
    record Delivered() implements DeliveryResult {
    }

    /**
     * The attempt failed in a way that may pass (timeout, connection refused, 5xx, 429).
     *
     * @param reason     what went wrong, for the timeline
     * @param retryAfter how long the receiver asked us to wait, if it said
     */
    record RetryableFailure(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
        public RetryableFailure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The attempt failed in a way that trying again on this channel will not fix (bad URL, 4xx, nobody
     * connected to the live stream); the page moves on to the next channel.
     *
     * @param reason what went wrong, for the timeline
     */
    record PermanentFailure(String reason) implements DeliveryResult {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The channel accepted the notification. */
    static DeliveryResult delivered() {
        return new Delivered();
    }

    /** A failure worth retrying, with no hint of when. */
    static DeliveryResult retryable(String reason) {
        return new RetryableFailure(reason, Optional.empty());
    }

    /** A failure that retrying will not fix. */
    static DeliveryResult permanent(String reason) {
        return new PermanentFailure(reason);
    }

    /**
     * The outcome that an HTTP response status means: 2xx delivered; 408, 429 and 5xx retryable (with the
     * receiver's {@code Retry-After}, if any); every other status permanent.
     */
    static DeliveryResult ofHttpStatus(int status, Optional<Duration> retryAfter) {
        if (status >= 200 && status < 300) {
            return delivered();
        }
        String reason = "HTTP " + status;
        if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
            return new RetryableFailure(reason, retryAfter);
        }
        return permanent(reason);
    }

    /** Whether the notification got through. */
    default boolean isDelivered() {
        return this instanceof Delivered;
    }

    /** What went wrong, or "delivered". */
    default String describe() {
        if (this instanceof RetryableFailure failure) {
            return failure.reason();
        }
        if (this instanceof PermanentFailure failure) {
            return failure.reason();
        }
        return "delivered";
    }
}
