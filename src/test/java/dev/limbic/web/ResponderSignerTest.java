package dev.limbic.web;

import dev.limbic.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponderSignerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final ResponderSigner signer = new ResponderSigner(
            "a-link-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), clock);

    @Test
    void aLinkSaysWhoAndWhichIncidentUntilItExpiresAfterAnHour() {
        String link = signer.link("alice", Optional.of("17"));
        assertThat(link).startsWith("l1.alice.17.");
        ResponderSigner.Claims claims = signer.verifyLink(link).orElseThrow();
        assertThat(claims.responder()).isEqualTo("alice");
        assertThat(claims.incidentId()).contains("17");
        assertThat(claims.expiresAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));

        clock.advance(Duration.ofMinutes(59));
        assertThat(signer.verifyLink(link)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(signer.verifyLink(link)).isEmpty();
    }

    @Test
    void aSessionLastsTwelveHoursAndIsNeverALinkNorTheOtherWayRound() {
        String session = signer.session("bob");
        assertThat(ResponderSigner.isSession(session)).isTrue();
        assertThat(signer.verifySession(session).orElseThrow().responder()).isEqualTo("bob");
        assertThat(signer.verifyLink(session)).isEmpty();
        assertThat(signer.verifySession(signer.link("bob", Optional.empty()))).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(signer.verifySession(session)).isEmpty();
    }

    @Test
    void anyChangeOrAnotherKeyBreaksTheSignature() {
        String link = signer.link("alice", Optional.empty());
        assertThat(signer.verifyLink(link.replace("l1.alice.", "l1.alics."))).isEmpty();
        String[] parts = link.split("\\.");
        String later = parts[0] + "." + parts[1] + "." + parts[2] + "." + (Long.parseLong(parts[3]) + 3600) + "." + parts[4];
        assertThat(signer.verifyLink(later)).isEmpty();
        assertThat(signer.verifyLink(link + "x")).isEmpty();
        assertThat(signer.verifyLink(null)).isEmpty();
        ResponderSigner other = new ResponderSigner("another-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8), clock);
        assertThat(other.verifyLink(link)).isEmpty();
    }

    @Test
    void aShortKeyOrAnIdThatIsNoResponderIdIsRefused() {
        assertThatThrownBy(() -> new ResponderSigner(new byte[31], clock)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> signer.session("alice.admin")).hasMessageContaining("responder id");
    }
}
