package dev.limbic.config;

import java.time.ZoneId;
import java.util.List;
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
 */
public record ResponderConfig(String id, String name, ZoneId timezone, boolean heartRateMonitoring,
                              OptionalDouble restingHeartRateBpm, List<DeviceConfig> devices) {
    public ResponderConfig {
        devices = List.copyOf(devices);
    }
}
