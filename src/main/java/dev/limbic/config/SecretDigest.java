package dev.limbic.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secret from the config (an integration's bearer token or routing key, a responder's live token) as Limbic
 * keeps it: only its SHA-256 digest. Equal digests compare equal in constant time, so a map keyed by digests finds
 * the owner of a presented secret (the PagerDuty endpoint looks integrations up by the digest of the
 * {@code routing_key} it is given) without keeping or comparing secrets.
 */
public final class SecretDigest {
    private final byte[] sha256;
    private final int hash;

    private SecretDigest(byte[] sha256) {
        this.sha256 = sha256;
        this.hash = Arrays.hashCode(sha256);
    }

    /** The digest of a secret as configured or as presented by a client. */
    public static SecretDigest of(String secret) {
        try {
            return new SecretDigest(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code presented} is this secret; {@code null} or empty never is. Constant time in the digest. */
    public boolean matches(String presented) {
        return presented != null && !presented.isEmpty() && equals(of(presented));
    }

    /** The digest as 64 lowercase hex digits (how the intake and the live stream store secret hashes). */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretDigest digest && MessageDigest.isEqual(sha256, digest.sha256);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "SecretDigest[sha256]";
    }
}
