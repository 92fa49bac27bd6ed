package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The notifications that carry a {@link CareAction} to people, ready for the dispatcher. */
public final class CareNotifications {
    private CareNotifications() {
    }

    /**
     * The notifications for {@code action}: the breathing prompt (2 s in, 2 s hold, 2 s out, for its cycles), the
     * grounding prompt, or the partner's call to join plus a word to the responder.
     *
     * @param severity the incident's severity (a partner's call is as urgent as the incident)
     * @param ids      fresh notification ids
     */
    public static List<Notification> of(CareAction action, Severity severity, Supplier<String> ids, Instant now) {
        if (action instanceof CareAction.SendBreathingPrompt prompt) {
            return List.of(Notification.breathingPrompt(ids.get(), prompt.responder(), prompt.incidentId(),
                    new BreathingPattern(2, 2, 2, prompt.cycles()),
                    "You've got this. A few slow breaths, then back to incident " + prompt.incidentId() + ".", now));
        }
        if (action instanceof CareAction.SendGroundingPrompt grounding) {
            return List.of(Notification.groundingPrompt(ids.get(), grounding.responder(), grounding.incidentId(), now));
        }
        CareAction.PagePartner partner = (CareAction.PagePartner) action;
        return List.of(
                Notification.partnerJoin(ids.get(), partner.partner(), partner.incidentId(), severity,
                        "Join " + partner.responder() + " on " + partner.incidentId(), partner.partnerText(), now),
                Notification.info(ids.get(), partner.responder(), partner.incidentId(),
                        partner.partner() + " is joining you", partner.responderText(), now));
    }
}
