package dev.limbic.store;

import dev.limbic.alert.AlertEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The idempotency key of an alert event: a hash of everything the sender sent (not when it arrived), so a retried
 * delivery of the same event has the same key.
 */
final class AlertEventDigest {
    private static final int KEY_BYTES = 16;

    private AlertEventDigest() {
    }

    /** 32 hex digits (128 bits of SHA-256) over the event's content. */
    static String idempotencyKey(AlertEvent event) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        field(sha, event.integration());
        field(sha, event.dedupKey());
        field(sha, event.action().name());
        field(sha, event.severity().name());
        field(sha, event.summary());
        field(sha, event.source());
        for (Map.Entry<String, String> label : new TreeMap<>(event.labels()).entrySet()) {
            field(sha, label.getKey());
            field(sha, label.getValue());
        }
        field(sha, event.detailsJson());
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, KEY_BYTES);
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        sha.update(new byte[]{(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        sha.update(bytes);
    }
}
