package dev.limbic.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of an escalation policy: page its targets, then wait {@code delay} for an acknowledgement before the next
 * step.
 *
 * @param targets responders and schedules to page; a step whose targets have nobody on call is skipped
 * @param delay   how long to wait before escalating further, positive
 */
public record EscalationStep(List<Target> targets, Duration delay) {
    public EscalationStep {
        targets = List.copyOf(targets);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("step delay must be positive, was " + delay);
        }
    }
}
