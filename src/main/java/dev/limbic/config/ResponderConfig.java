package dev.limbic.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A person who can be paged.
 *
 * @param id                    unique, made of {@code [a-z0-9_-]}
 * @param name                  how people call them
 * @param timezone              where they live (night pages are counted in it)
 * @param heartRateMonitoring   whether they opted in to heart-rate processing; without it their devices are refused
 * @param restingHeartRateBpm   their resting heart rate, overriding {@code stress.resting_heart_rate_bpm}
 * @param devices               the devices that relay their strap
 * @param partner               the responder who is asked to join them when they are overloaded (not themself)
 * @param liveToken             the digest of the secret their live channel and responder page authenticate with
 * @param channels              how they are paged, in order of preference
 * @param notificationRatePerMinute how many notifications reach them per minute before further ones are bundled
 */
public record ResponderConfig(String id, String name, ZoneId timezone, boolean heartRateMonitoring,
                              OptionalDouble restingHeartRateBpm, List<DeviceConfig> devices, Optional<String> partner,
                              Optional<SecretDigest> liveToken, List<ChannelConfig> channels,
                              int notificationRatePerMinute) {
    /** Default of {@link #notificationRatePerMinute()}. */
    public static final int DEFAULT_NOTIFICATION_RATE_PER_MINUTE = 6;

    public ResponderConfig {
        devices = List.copyOf(devices);
        partner = partner == null ? Optional.empty() : partner;
        liveToken = liveToken == null ? Optional.empty() : liveToken;
        channels = List.copyOf(channels);
        if (notificationRatePerMinute < 1) {
            throw new IllegalArgumentException("notificationRatePerMinute must be at least 1, was " + notificationRatePerMinute);
        }
    }
}
