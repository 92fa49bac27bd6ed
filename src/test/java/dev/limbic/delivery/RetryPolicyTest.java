package dev.limbic.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5,
            Duration.ofMinutes(1));

    /** A random source whose {@code nextDouble} always returns {@code fraction}. */
    private static RandomGenerator always(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    @Test
    void backoffDoublesUpToTheCapWithoutJitter() {
        RandomGenerator none = always(0);
        assertThat(POLICY.retryDelay(1, Optional.empty(), none)).contains(Duration.ofSeconds(1));
        assertThat(POLICY.retryDelay(2, Optional.empty(), none)).contains(Duration.ofSeconds(2));
        assertThat(POLICY.retryDelay(3, Optional.empty(), none)).contains(Duration.ofSeconds(4));
        assertThat(POLICY.retryDelay(4, Optional.empty(), none)).contains(Duration.ofSeconds(5));
        assertThat(POLICY.retryDelay(60, Optional.empty(), none)).contains(Duration.ofSeconds(5));
    }

    @Test
    void jitterTakesOffAtMostItsFraction() {
        assertThat(POLICY.retryDelay(2, Optional.empty(), always(0.999))).contains(Duration.ofMillis(1001));
        assertThat(POLICY.retryDelay(2, Optional.empty(), always(0.5))).contains(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        assertThat(POLICY.retryDelay(1, Optional.of(Duration.ofSeconds(30)), always(0)))
                .contains(Duration.ofSeconds(30));
        assertThat(POLICY.retryDelay(3, Optional.of(Duration.ofSeconds(1)), always(0)))
                .contains(Duration.ofSeconds(4));
    }

    @Test
    void aRetryAfterBeyondTheBoundMovesThePageOn() {
        DeliveryResult failure = new DeliveryResult.RetryableFailure("HTTP 503", Optional.of(Duration.ofHours(1)));
        assertThat(POLICY.decide(failure, 0, 2, 1, always(0))).isEqualTo(new NextStep.NextChannel(1));
    }

    @Test
    void retryableFailuresRetryTheSameChannelUntilTheAttemptsAreSpent() {
        DeliveryResult failure = DeliveryResult.retryable("timeout");
        assertThat(POLICY.decide(failure, 0, 2, 1, always(0)))
                .isEqualTo(new NextStep.RetrySameChannel(Duration.ofSeconds(1)));
        assertThat(POLICY.decide(failure, 0, 2, 3, always(0)))
                .isEqualTo(new NextStep.RetrySameChannel(Duration.ofSeconds(4)));
        assertThat(POLICY.decide(failure, 0, 2, 4, always(0))).isEqualTo(new NextStep.NextChannel(1));
        assertThat(POLICY.decide(failure, 1, 2, 4, always(0))).isEqualTo(new NextStep.Exhausted());
    }

    @Test
    void aPermanentFailureMovesOnAtOnce() {
        DeliveryResult failure = DeliveryResult.permanent("HTTP 404");
        assertThat(POLICY.decide(failure, 0, 3, 1, always(0))).isEqualTo(new NextStep.NextChannel(1));
        assertThat(POLICY.decide(failure, 2, 3, 1, always(0))).isEqualTo(new NextStep.Exhausted());
    }

    @Test
    void deliveredIsDone() {
        assertThat(POLICY.decide(DeliveryResult.delivered(), 0, 1, 1, always(0))).isEqualTo(new NextStep.Done());
    }

    @Test
    void nonsenseSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofSeconds(1)))
                .hasMessageContaining("max_attempts_per_channel");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0, Duration.ofSeconds(2)))
                .hasMessageContaining("max_delay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, Duration.ofSeconds(1)))
                .hasMessageContaining("jitter");
    }
}
