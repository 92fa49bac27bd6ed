package dev.limbic.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The figures a team reviews for the incidents opened in a period.
 *
 * @param from                   start of the period (inclusive)
 * @param to                     end of the period (exclusive)
 * @param opened                 incidents opened in the period
 * @param acknowledged           of those, how many were acknowledged
 * @param resolved               of those, how many were resolved
 * @param medianTimeToAcknowledge median time from opening to acknowledgement, over the acknowledged ones
 * @param p90TimeToAcknowledge   90th percentile of the same
 * @param medianTimeToResolve    median time from opening to resolution, over the resolved ones
 * @param p90TimeToResolve       90th percentile of the same
 */
public record IncidentFigures(Instant from, Instant to, long opened, long acknowledged, long resolved,
                              Optional<Duration> medianTimeToAcknowledge, Optional<Duration> p90TimeToAcknowledge,
                              Optional<Duration> medianTimeToResolve, Optional<Duration> p90TimeToResolve) {
}
