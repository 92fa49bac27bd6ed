package dev.limbic.notify;

import dev.limbic.delivery.RateLimit;
import dev.limbic.delivery.RetryPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher behaves.
 *
 * @param retry          retries and failover
 * @param rateLimit      each responder's page budget
 * @param attemptTimeout a safety net: an attempt whose channel has not answered by then counts as a retryable
 *                       failure (channels have their own, shorter timeouts)
 */
public record DispatchSettings(RetryPolicy retry, RateLimit rateLimit, Duration attemptTimeout) {
    /** Default settings: {@link RetryPolicy#DEFAULT}, {@link RateLimit#DEFAULT}, 90 s safety net. */
    public static final DispatchSettings DEFAULT =
            new DispatchSettings(RetryPolicy.DEFAULT, RateLimit.DEFAULT, Duration.ofSeconds(90));

    public DispatchSettings {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (attemptTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("attempt_timeout must be at least 1s");
        }
    }
}
