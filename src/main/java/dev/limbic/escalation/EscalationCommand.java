package dev.limbic.escalation;

import java.time.Instant;
import java.util.Objects;

/** What a person (or an integration) asks of an incident's escalation. Each names who asked, for the timeline. */
public sealed interface EscalationCommand {
    /** Who asked: a responder id, or an integration for events such as PagerDuty's {@code acknowledge}. */
    String by();

    /** Someone is on it: stop escalating until the acknowledgement times out. */
    record Acknowledge(String by) implements EscalationCommand {
        public Acknowledge {
            Objects.requireNonNull(by, "by");
        }
    }

    /** It is over. */
    record Resolve(String by) implements EscalationCommand {
        public Resolve {
            Objects.requireNonNull(by, "by");
        }
    }

    /** Quiet until {@code until}, then page the current step again. */
    record Snooze(String by, Instant until) implements EscalationCommand {
        public Snooze {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(until, "until");
        }
    }

    /** Page the next step now, without waiting for the delay. */
    record EscalateNow(String by) implements EscalationCommand {
        public EscalateNow {
            Objects.requireNonNull(by, "by");
        }
    }

    /** Page {@code responderId} now as the holder of the current step; escalation continues if they do not acknowledge. */
    record Reassign(String by, String responderId) implements EscalationCommand {
        public Reassign {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(responderId, "responderId");
        }
    }
}
