package dev.limbic.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A device's secret as Limbic keeps it: only its SHA-256 digest, never the token itself. Two tokens are
 * equal when their digests are, compared in constant time, so a {@code Map<DeviceToken, …>} keyed by the
 * digest of a presented token finds its device without keeping or comparing secrets.
 */
public final class DeviceToken {
    private final byte[] sha256;
    private final int hash;

    private DeviceToken(byte[] sha256) {
        this.sha256 = sha256;
        this.hash = Arrays.hashCode(sha256);
    }

    /** The digest of a token as presented (from the config, or by a device authenticating). */
    public static DeviceToken of(String token) {
        try {
            return new DeviceToken(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code presented} is this token. */
    public boolean matches(String presented) {
        return equals(of(presented));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceToken token && MessageDigest.isEqual(sha256, token.sha256);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "DeviceToken[sha256]";
    }
}
