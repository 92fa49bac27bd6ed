package dev.limbic.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to delay a page or an escalation timer until {@code until}, with the reason people will see on the
 * timeline. The engine shortens it to its configured bound and ignores it for critical incidents.
 *
 * @param reason why, in words for people (for example "ada is breathing through a stress reaction")
 * @param until  when the delay should end at the latest
 */
public record Hold(String reason, Instant until) {
    public Hold {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(until, "until");
    }
}
