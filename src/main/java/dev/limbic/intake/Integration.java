package dev.limbic.intake;

import dev.limbic.alert.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One configured source of alerts, as the intake needs it.
 *
 * @param name            unique name, the {@code {integration}} part of the webhook URL and the
 *                        {@link dev.limbic.alert.AlertEvent#integration()} of what it sends
 * @param format          the wire format it speaks; a request on another format's URL gets 404
 * @param secretSha256    lowercase hex SHA-256 of its secret (the bearer token, or for PagerDuty the
 *                        {@code routing_key}); the secret itself need not be kept
 * @param dedup           for Alertmanager and Grafana: one incident per alert or per group
 * @param defaultSeverity severity for alerts that carry none (or none Limbic recognises)
 */
public record Integration(String name, IntakeFormat format, String secretSha256, DedupMode dedup,
                          Severity defaultSeverity) {
    private static final HexFormat HEX = HexFormat.of();

    public Integration {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("integration name must not be blank");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secretSha256, "secretSha256");
        secretSha256 = secretSha256.toLowerCase(java.util.Locale.ROOT);
        if (!secretSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("secretSha256 of integration " + name + " must be 64 hex digits");
        }
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    }

    /** An integration whose secret is given in clear text (hashed here, not kept). */
    public static Integration withSecret(String name, IntakeFormat format, String secret, DedupMode dedup,
                                         Severity defaultSeverity) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret of integration " + name + " must not be empty");
        }
        return new Integration(name, format, sha256Hex(secret), dedup, defaultSeverity);
    }

    /** Whether {@code presented} is this integration's secret; compares in constant time. */
    public boolean acceptsSecret(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), HEX.parseHex(secretSha256));
    }

    /** Lowercase hex SHA-256 of a secret's UTF-8 bytes, as configured in {@code secretSha256}. */
    public static String sha256Hex(String secret) {
        return HEX.formatHex(sha256(secret));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
