package dev.limbic.delivery;

/**
 * How many pages one responder may get: a token bucket that holds {@code burst} pages and refills at
 * {@code pagesPerMinute}. Pages beyond it are held and bundled, never dropped.
 *
 * @param pagesPerMinute sustained pages per minute, 1 to 600
 * @param burst          pages that may go out back to back, 1 to 100
 */
public record RateLimit(int pagesPerMinute, int burst) {
    /** Six pages a minute, three back to back. */
    public static final RateLimit DEFAULT = new RateLimit(6, 3);

    public RateLimit {
        if (pagesPerMinute < 1 || pagesPerMinute > 600) {
            throw new IllegalArgumentException("pages_per_minute must be between 1 and 600");
        }
        if (burst < 1 || burst > 100) {
            throw new IllegalArgumentException("burst must be between 1 and 100");
        }
    }

    /** Milliseconds for one page's worth of tokens to refill. */
    long millisPerPage() {
        return Math.max(1, 60_000L / pagesPerMinute);
    }
}
