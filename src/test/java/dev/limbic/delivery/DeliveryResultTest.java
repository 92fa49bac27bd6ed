package dev.limbic.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryResultTest {

    @ParameterizedTest
    @CsvSource({
            "200, delivered", "202, delivered", "204, delivered",
            "408, retryable", "429, retryable", "500, retryable", "502, retryable", "503, retryable",
            "400, permanent", "401, permanent", "403, permanent", "404, permanent", "413, permanent",
            "301, permanent"})
    void httpStatusesMapToOutcomes(int status, String expected) {
        DeliveryResult result = DeliveryResult.ofHttpStatus(status, Optional.empty());
        String kind = result instanceof DeliveryResult.Delivered ? "delivered"
                : result instanceof DeliveryResult.RetryableFailure ? "retryable" : "permanent";
        assertThat(kind).isEqualTo(expected);
        if (!result.isDelivered()) {
            assertThat(result.describe()).isEqualTo("HTTP " + status);
        }
    }

    @Test
    void retryableStatusesKeepTheRetryAfterHint() {
        assertThat(DeliveryResult.ofHttpStatus(429, Optional.of(Duration.ofSeconds(7))))
                .isEqualTo(new DeliveryResult.RetryableFailure("HTTP 429", Optional.of(Duration.ofSeconds(7))));
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 5 ", now)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isEmpty();
    }
}
