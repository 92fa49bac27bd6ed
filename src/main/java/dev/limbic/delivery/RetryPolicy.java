package dev.limbic.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one place that decides what happens after a delivery attempt: retry the same channel after an
 * exponential backoff with jitter, move on to the responder's next channel, or give up.
 *
 * <p>A retryable failure is retried on the same channel until {@code maxAttemptsPerChannel} attempts were
 * made; the n-th retry waits {@code initialDelay * 2^(n-1)}, at most {@code maxDelay}, less a random part of
 * up to {@code jitter} of it (so many failed pages do not retry in lockstep). A receiver's
 * {@code Retry-After} is honoured when it is longer than that, up to {@code maxRetryAfter}; a receiver that
 * asks for a longer wait is treated as down and the page moves on, because a page must not sit still for
 * longer than that. A permanent failure moves on at once.
 *
 * @param maxAttemptsPerChannel attempts on one channel before moving on, at least 1
 * @param initialDelay          wait before the first retry, positive
 * @param maxDelay              longest backoff, at least {@code initialDelay}
 * @param jitter                fraction of each backoff that is randomised, 0 to 1
 * @param maxRetryAfter         longest {@code Retry-After} that is honoured, at least {@code maxDelay}
 */
public record RetryPolicy(int maxAttemptsPerChannel, Duration initialDelay, Duration maxDelay, double jitter,
                          Duration maxRetryAfter) {

    /** Three attempts per channel, 1 s then 2 s, 20 % jitter, {@code Retry-After} honoured up to 2 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30),
            0.2, Duration.ofMinutes(2));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttemptsPerChannel < 1) {
            throw new IllegalArgumentException("max_attempts_per_channel must be at least 1");
        }
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial_delay must be positive");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max_delay must be at least initial_delay");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
        if (maxRetryAfter.compareTo(maxDelay) < 0) {
            throw new IllegalArgumentException("max_retry_after must be at least max_delay");
        }
    }

    /**
     * What to do after an attempt.
     *
     * @param result           the attempt's outcome
     * @param channelIndex     position of the channel just tried in the responder's list
     * @param channelCount     how many channels the responder has
     * @param attemptOnChannel how many attempts were made on this channel, including this one (from 1)
     * @param random           source of jitter
     */
    public NextStep decide(DeliveryResult result, int channelIndex, int channelCount, int attemptOnChannel,
                           RandomGenerator random) {
        if (result.isDelivered()) {
            return new NextStep.Done();
        }
        if (result instanceof DeliveryResult.RetryableFailure failure && attemptOnChannel < maxAttemptsPerChannel) {
            Optional<Duration> delay = retryDelay(attemptOnChannel, failure.retryAfter(), random);
            if (delay.isPresent()) {
                return new NextStep.RetrySameChannel(delay.get());
            }
        }
        int next = channelIndex + 1;
        return next < channelCount ? new NextStep.NextChannel(next) : new NextStep.Exhausted();
    }

    /**
     * The wait before retry number {@code failedAttempts} on one channel, or empty if the receiver asked for a
     * longer wait than {@link #maxRetryAfter()}.
     */
    public Optional<Duration> retryDelay(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
            return Optional.empty();
        }
        long baseMillis = initialDelay.toMillis();
        for (int i = 1; i < failedAttempts && baseMillis < maxDelay.toMillis(); i++) {
            baseMillis *= 2;
        }
        baseMillis = Math.min(baseMillis, maxDelay.toMillis());
        long jittered = baseMillis - Math.round(random.nextDouble() * jitter * baseMillis);
        Duration backoff = Duration.ofMillis(Math.max(1, jittered));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(backoff) > 0) {
            return retryAfter;
        }
        return Optional.of(backoff);
    }
}
