package dev.limbic.alert;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One routing rule: alerts from one of {@code integrations} (any integration when empty) whose labels satisfy every
 * matcher go to the escalation policy {@code policyId}.
 *
 * @param name         the route's name, shown on the incident's timeline
 * @param integrations the integrations this route takes alerts from (a PagerDuty routing key names its integration);
 *                     empty for any
 * @param matchers     label conditions that must all hold; empty for any labels
 * @param policyId     the escalation policy that pages for matching alerts
 */
public record Route(String name, Set<String> integrations, List<LabelMatcher> matchers, String policyId) {
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policyId, "policyId");
        integrations = Set.copyOf(integrations);
        matchers = List.copyOf(matchers);
    }

    /** Whether {@code event} takes this route. */
    public boolean matches(AlertEvent event) {
        if (!integrations.isEmpty() && !integrations.contains(event.integration())) {
            return false;
        }
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(event.labels())) {
                return false;
            }
        }
        return true;
    }
}
