package dev.limbic.delivery;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff stays within its bounds for any settings, attempt number, jitter draw and Retry-After. */
class RetryPolicyProperties {

    @Property
    void backoffStaysWithinItsBounds(@ForAll @IntRange(min = 1, max = 5000) int initialMillis,
                                     @ForAll @IntRange(min = 1, max = 20) int capFactor,
                                     @ForAll @DoubleRange(min = 0, max = 1) double jitter,
                                     @ForAll @IntRange(min = 1, max = 100) int failedAttempts,
                                     @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double draw,
                                     @ForAll @LongRange(min = -1, max = 600_000) long retryAfterMillis) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration cap = initial.multipliedBy(capFactor);
        Duration maxRetryAfter = cap.multipliedBy(4);
        RetryPolicy policy = new RetryPolicy(3, initial, cap, jitter, maxRetryAfter);
        RandomGenerator random = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return draw;
            }
        };
        Optional<Duration> retryAfter = retryAfterMillis < 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis(retryAfterMillis));

        Optional<Duration> delay = policy.retryDelay(failedAttempts, retryAfter, random);

        if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
            assertThat(delay).isEmpty();
            return;
        }
        assertThat(delay).isPresent();
        long base = Math.min(cap.toMillis(), initialMillis * (long) Math.pow(2, Math.min(failedAttempts - 1, 40)));
        assertThat(delay.get().toMillis()).isGreaterThanOrEqualTo(Math.max(1, (long) Math.floor(base * (1 - jitter))));
        assertThat(delay.get()).isLessThanOrEqualTo(retryAfter.filter(r -> r.toMillis() > base)
                .orElse(Duration.ofMillis(base)));
        retryAfter.ifPresent(r -> assertThat(delay.get()).isGreaterThanOrEqualTo(r));
    }
}
