package dev.limbic.intake;

import java.time.Duration;
import java.util.Objects;

/** A sink is too busy to commit now; the sender should retry after {@link #retryAfter()}. Answered 503. */
public class IntakeOverloadedException extends RuntimeException {
    private final Duration retryAfter;

    public IntakeOverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long the sender should wait before retrying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
