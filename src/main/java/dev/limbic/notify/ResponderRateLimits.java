package dev.limbic.notify;

import dev.limbic.delivery.RateLimit;

import java.util.Optional;

/**
 * Each responder's own page budget, looked up whenever a page for them arrives (so a reloaded configuration
 * applies to the next page); empty means the dispatcher's default {@link DispatchSettings#rateLimit()}.
 */
@FunctionalInterface
public interface ResponderRateLimits {
    /** {@code responderId}'s rate limit, or empty for the default. */
    Optional<RateLimit> rateLimitOf(String responderId);
}
