package dev.limbic.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signs and checks the two credentials of the responder page with one HMAC-SHA256 key (the gateway's link secret):
 * <ul>
 *   <li>a <b>sign-in link</b>, {@code l1.<responder>.<incident>.<expires>.<mac>}, short-lived, carried by page
 *       notifications in the URL fragment of the responder page (so it never reaches a server log or a referrer);
 *       it can only be exchanged for a session;</li>
 *   <li>a <b>session</b>, {@code s1.<responder>.<expires>.<mac>}, which the page presents as a bearer token to the
 *       incidents API and the live stream until it expires.</li>
 * </ul>
 * {@code expires} is epoch seconds; {@code mac} is base64url without padding over everything before it. The two
 * prefixes are part of what is signed, so a link is never accepted as a session. Responder ids contain no dots.
 * Stateless: a restart keeps sessions valid as long as the key stays.
 */
public final class ResponderSigner {
    /** How long a sign-in link in a page stays valid. */
    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    /** How long a responder page session lasts (a long on-call shift). */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Fewest bytes of key material accepted. */
    public static final int MIN_KEY_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern INCIDENT = Pattern.compile("[0-9]+|-");

    private final SecretKeySpec key;
    private final Clock clock;

    /** What a valid link or session says. */
    public record Claims(String responder, Optional<String> incidentId, Instant expiresAt) {
    }

    /** A signer with {@code key} (at least {@value #MIN_KEY_BYTES} bytes) and {@code clock} for expiry. */
    public ResponderSigner(byte[] key, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the link secret must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
        mac("warm-up");  // loads the JCE provider here (a worker thread at start), not on the first page's event loop
    }

    /** A sign-in link token for {@code responder}, about {@code incidentId} if given, valid for {@link #LINK_LIFETIME}. */
    public String link(String responder, Optional<String> incidentId) {
        requireId(responder);
        String incident = incidentId.filter(id -> INCIDENT.matcher(id).matches()).orElse("-");
        long expires = clock.instant().plus(LINK_LIFETIME).getEpochSecond();
        return signed("l1." + responder + "." + incident + "." + expires);
    }

    /** A session token for {@code responder}, valid for {@link #SESSION_LIFETIME}. */
    public String session(String responder) {
        requireId(responder);
        return signed("s1." + responder + "." + clock.instant().plus(SESSION_LIFETIME).getEpochSecond());
    }

    /** What a sign-in link says, if {@code token} is one, signed with this key and not expired. */
    public Optional<Claims> verifyLink(String token) {
        return verify(token, "l1", 5).map(parts -> new Claims(parts[1],
                parts[2].equals("-") ? Optional.empty() : Optional.of(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    }

    /** What a session says, if {@code token} is one, signed with this key and not expired. */
    public Optional<Claims> verifySession(String token) {
        return verify(token, "s1", 4).map(parts -> new Claims(parts[1], Optional.empty(),
                Instant.ofEpochSecond(Long.parseLong(parts[2]))));
    }

    /** Whether {@code token} looks like a session (so a bearer token can be told from a live token cheaply). */
    public static boolean isSession(String token) {
        return token != null && token.startsWith("s1.");
    }

    private Optional<String[]> verify(String token, String prefix, int fields) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != fields || !parts[0].equals(prefix) || !ID.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        if (fields == 5 && !INCIDENT.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[fields - 1]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(body), presented)) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[fields - 2]);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        return clock.instant().getEpochSecond() < expires ? Optional.of(parts) : Optional.empty();
    }

    private String signed(String body) {
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private static void requireId(String responder) {
        if (responder == null || !ID.matcher(responder).matches()) {
            throw new IllegalArgumentException("responder id must match " + ID.pattern() + ": " + responder);
        }
    }
}
