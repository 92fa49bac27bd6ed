package dev.limbic.alert;

import java.util.List;
import java.util.Objects;

/**
 * Chooses the escalation policy for an alert: the first route that matches wins; an alert no route matches goes to
 * the default policy, so every alert pages someone.
 *
 * @param routes          routes in order of precedence
 * @param defaultPolicyId the policy for alerts that match no route
 */
public record Router(List<Route> routes, String defaultPolicyId) {
    /** The name a {@link RouteChoice} carries when no route matched. */
    public static final String DEFAULT_ROUTE = "default";

    public Router {
        routes = List.copyOf(routes);
        Objects.requireNonNull(defaultPolicyId, "defaultPolicyId");
    }

    /**
     * Which policy pages for an alert, and which route chose it.
     *
     * @param policyId  the escalation policy
     * @param routeName the matching route's name, or {@link #DEFAULT_ROUTE}
     */
    public record RouteChoice(String policyId, String routeName) {
    }

    /** The route {@code event} takes. */
    public RouteChoice route(AlertEvent event) {
        for (Route route : routes) {
            if (route.matches(event)) {
                return new RouteChoice(route.policyId(), route.name());
            }
        }
        return new RouteChoice(defaultPolicyId, DEFAULT_ROUTE);
    }
}
