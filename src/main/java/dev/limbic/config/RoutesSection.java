package dev.limbic.config;

import dev.limbic.alert.LabelMatcher;
import dev.limbic.alert.Route;
import dev.limbic.alert.Router;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code routes[]} (name, policy, integrations, label matchers) and {@code default_policy}, the policy of
 * alerts no route matches. Without escalation policies there is nothing to route to, and no router.
 */
final class RoutesSection {
    private RoutesSection() {
    }

    static Optional<Router> read(YamlObject root, Ids policies, Ids integrations) {
        Ids names = new Ids("route");
        List<Route> routes = new ArrayList<>();
        for (YamlObject.Item item : root.objects("routes")) {
            YamlObject r = item.object();
            String name = r.has("name") ? names.claim(r, "name") : "route-" + (item.index() + 1);
            String policy = r.requiredString("policy");
            boolean ok = name != null && policy != null && policies.check(r, r.pathOf("policy"), policy);
            Set<String> from = new LinkedHashSet<>();
            for (YamlObject.Element integration : r.strings("integrations")) {
                ok &= integrations.check(r, integration.path(), integration.text());
                from.add(integration.text());
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            for (YamlObject.Element match : r.strings("match")) {
                try {
                    matchers.add(LabelMatcher.parse(match.text()));
                } catch (IllegalArgumentException e) {
                    r.problemAt(match.path(), e.getMessage());
                    ok = false;
                }
            }
            r.rejectUnknownKeys();
            if (ok) {
                routes.add(new Route(name, from, matchers, policy));
            }
        }
        String defaultPolicy = root.string("default_policy", null);
        if (defaultPolicy == null) {
            if (!policies.all().isEmpty()) {
                root.problem("default_policy", "missing (the policy for alerts that match no route; one of: "
                        + String.join(", ", policies.all()) + ")");
            }
            return Optional.empty();
        }
        if (!policies.check(root, root.pathOf("default_policy"), defaultPolicy)) {
            return Optional.empty();
        }
        return Optional.of(new Router(routes, defaultPolicy));
    }
}
