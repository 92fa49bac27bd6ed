package dev.limbic.config;

import dev.limbic.care.CareSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code care} section: the stress-aware rules' settings, and what only storage needs (how long stress episodes
 * are kept).
 *
 * @param settings         the bounds of the stress-aware rules, as {@link dev.limbic.care} runs them
 * @param episodeRetention how long stored stress episodes are kept; older ones are deleted
 */
public record CareConfig(CareSettings settings, Duration episodeRetention) {
    /** Episodes are kept 30 days unless configured. */
    public static final Duration DEFAULT_EPISODE_RETENTION = Duration.ofDays(30);

    public CareConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(episodeRetention, "episodeRetention");
        if (episodeRetention.isNegative() || episodeRetention.isZero()) {
            throw new IllegalArgumentException("episodeRetention must be positive, was " + episodeRetention);
        }
    }

    /** The defaults: {@link CareSettings#defaults()}, episodes kept 30 days. */
    public static CareConfig defaults() {
        return new CareConfig(CareSettings.defaults(), DEFAULT_EPISODE_RETENTION);
    }
}
