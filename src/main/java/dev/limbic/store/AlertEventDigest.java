package dev.limbic.store;

import dev.limbic.alert.AlertEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The idempotency key of an alert event: a hash of everything the sender sent (not when it arrived), so a retried
 * delivery of the same event has the same key. Keys are stored, so the hashed bytes must never change (pinned by
 * {@code AlertEventDigestTest}).
 */
final class AlertEventDigest {
    private static final int KEY_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    /** One SHA-256 per thread, reused: looking the algorithm up costs more than hashing a small event. */
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    private AlertEventDigest() {
    }

    /** 32 hex digits (128 bits of SHA-256) over the event's content. */
    static String idempotencyKey(AlertEvent event) {
        return idempotencyKey(event, event.detailsJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of {@code event}, whose details in UTF-8 the caller has at hand. */
    static String idempotencyKey(AlertEvent event, byte[] detailsUtf8) {
        Hasher hasher = HASHER.get();
        hasher.sha.reset();
        hasher.field(event.integration());
        hasher.field(event.dedupKey());
        hasher.field(event.action().name());
        hasher.field(event.severity().name());
        hasher.field(event.summary());
        hasher.field(event.source());
        Map<String, String> labels = event.labels();
        String[] names = labels.keySet().toArray(new String[0]);
        Arrays.sort(names);
        for (String name : names) {
            hasher.field(name);
            hasher.field(labels.get(name));
        }
        hasher.field(detailsUtf8);
        return HEX.formatHex(hasher.sha.digest(), 0, KEY_BYTES);
    }

    /** Hashes fields as their UTF-8 length (4 bytes, big-endian) followed by their UTF-8 bytes. */
    private static final class Hasher {
        final MessageDigest sha;
        final byte[] length = new byte[4];

        Hasher() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        void field(String value) {
            field(value.getBytes(StandardCharsets.UTF_8));
        }

        void field(byte[] bytes) {
            int n = bytes.length;
            length[0] = (byte) (n >>> 24);
            length[1] = (byte) (n >>> 16);
            length[2] = (byte) (n >>> 8);
            length[3] = (byte) n;
            sha.update(length);
            sha.update(bytes);
        }
    }
}
