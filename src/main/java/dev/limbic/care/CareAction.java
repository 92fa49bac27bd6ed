package dev.limbic.care;

import java.util.Objects;

/** Something the stress-aware rules ask the edges to send. Every action also has an entry on its incident's timeline. */
public sealed interface CareAction {
    /** The incident the action is about. */
    String incidentId();

    /** Whom to send it to. */
    String recipient();

    /**
     * Send {@code responder} a breathing prompt on their live channel (a short text version elsewhere).
     *
     * @param cycles how many 6-second cycles (inhale 2 s, hold 2 s, exhale 2 s)
     */
    record SendBreathingPrompt(String responder, String incidentId, int cycles) implements CareAction {
        public SendBreathingPrompt {
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(incidentId, "incidentId");
            if (cycles < 1) {
                throw new IllegalArgumentException("cycles must be at least 1, was " + cycles);
            }
        }

        @Override
        public String recipient() {
            return responder;
        }
    }

    /** Send {@code responder} the grounding prompt that follows the breathing window. */
    record SendGroundingPrompt(String responder, String incidentId) implements CareAction {
        public SendGroundingPrompt {
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(incidentId, "incidentId");
        }

        @Override
        public String recipient() {
            return responder;
        }
    }

    /**
     * Page {@code partner} to join {@code responder} on the incident (the responder is not replaced), and tell the
     * responder.
     *
     * @param reason          why, for the timeline and the partner
     * @param partnerText     what the partner reads
     * @param responderText   what the responder reads, for example "bob is joining you on inc-7"
     */
    record PagePartner(String partner, String responder, String incidentId, String reason, String partnerText,
                       String responderText) implements CareAction {
        public PagePartner {
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(partnerText, "partnerText");
            Objects.requireNonNull(responderText, "responderText");
        }

        @Override
        public String recipient() {
            return partner;
        }
    }
}
