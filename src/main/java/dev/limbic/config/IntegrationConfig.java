package dev.limbic.config;

import dev.limbic.alert.Severity;

import java.util.Locale;
import java.util.Objects;

/**
 * A configured source of alerts.
 *
 * @param name            unique, made of {@code [a-z0-9_-]}: the last part of its webhook URL
 * @param type            the wire format it speaks
 * @param secret          the digest of its bearer token, or for {@code pagerduty} of its {@code routing_key}
 * @param dedup           for Alertmanager and Grafana: one incident per alert or per notification group
 * @param defaultSeverity the severity of alerts that carry none Limbic recognises
 * @param maxBodyBytes    the largest request body accepted (larger ones get 413)
 */
public record IntegrationConfig(String name, Type type, SecretDigest secret, Dedup dedup, Severity defaultSeverity,
                                long maxBodyBytes) {
    /** Body limit of the webhook formats unless configured. */
    public static final long DEFAULT_WEBHOOK_BODY_BYTES = 1024 * 1024;
    /** Body limit of the PagerDuty format unless configured (PagerDuty accepts 512 KiB). */
    public static final long DEFAULT_PAGERDUTY_BODY_BYTES = 512 * 1024;

    /** The formats an integration can speak, with their config names. */
    public enum Type {
        ALERTMANAGER, GRAFANA, PAGERDUTY, GENERIC;

        /** The name in the config, such as {@code alertmanager}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether its payloads carry groups of alerts (so {@code dedup} applies). */
        public boolean groupsAlerts() {
            return this == ALERTMANAGER || this == GRAFANA;
        }
    }

    /** How a grouped webhook becomes incidents. */
    public enum Dedup {
        /** One incident per alert fingerprint. */
        ALERT,
        /** One incident per notification group ({@code groupKey}). */
        GROUP
    }

    public IntegrationConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
    }

    /** Whether {@code presented} is this integration's secret (bearer token or routing key), in constant time. */
    public boolean acceptsSecret(String presented) {
        return secret.matches(presented);
    }
}
