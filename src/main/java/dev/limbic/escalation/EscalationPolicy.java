package dev.limbic.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An escalation policy: ordered steps, walked through {@code repeat + 1} times until someone acknowledges.
 *
 * @param id         the policy's id, as routes name it
 * @param steps      the steps in order, at least one
 * @param repeat     how many times the whole policy is walked again after the first pass, 0 or more
 * @param ackTimeout how long an acknowledgement holds before the incident pages its current step again;
 *                   {@link Duration#ZERO} for never
 */
public record EscalationPolicy(String id, List<EscalationStep> steps, int repeat, Duration ackTimeout) {
    public EscalationPolicy {
        Objects.requireNonNull(id, "id");
        steps = List.copyOf(steps);
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("escalation policy '" + id + "' needs at least one step");
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be 0 or more, was " + repeat);
        }
        if (ackTimeout.isNegative()) {
            throw new IllegalArgumentException("ackTimeout must not be negative, was " + ackTimeout);
        }
    }

    /** The step at {@code index}, counted from 0. */
    public EscalationStep step(int index) {
        return steps.get(index);
    }

    /** Whether an acknowledgement expires. */
    public boolean hasAckTimeout() {
        return !ackTimeout.isZero();
    }
}
