package dev.limbic.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Where the live stream looks up a responder's token ({@code responders[].live_token} in the config). Only a
 * SHA-256 hash of each token is kept in memory; a presented token is hashed and compared in constant time.
 */
@FunctionalInterface
public interface LiveTokens {

    /** The lowercase hex SHA-256 of {@code responderId}'s live token, or empty if they have none (or do not exist). */
    Optional<String> liveTokenHash(String responderId);

    /** Whether {@code presentedToken} is {@code responderId}'s live token. */
    default boolean matches(String responderId, String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty()) {
            return false;
        }
        Optional<String> expected = liveTokenHash(responderId);
        return expected.isPresent() && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.US_ASCII),
                sha256Hex(presentedToken).getBytes(StandardCharsets.US_ASCII));
    }

    /** Tokens from a map of responder id to plain token (hashed once, here). */
    static LiveTokens ofPlainTokens(Map<String, String> tokensByResponder) {
        Map<String, String> hashes = new java.util.HashMap<>();
        tokensByResponder.forEach((responder, token) -> hashes.put(responder, sha256Hex(token)));
        Map<String, String> frozen = Map.copyOf(hashes);
        return responderId -> Optional.ofNullable(frozen.get(responderId));
    }

    /** The lowercase hex SHA-256 of {@code token}'s UTF-8 bytes. */
    static String sha256Hex(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA-256", missing);
        }
    }
}
