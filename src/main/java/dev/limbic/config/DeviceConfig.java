package dev.limbic.config;

/**
 * A strap relay (phone, browser, edge gateway) that streams one responder's heart rate.
 *
 * @param id    unique across all responders
 * @param token the digest of the device's secret
 */
public record DeviceConfig(String id, DeviceToken token) {
}
