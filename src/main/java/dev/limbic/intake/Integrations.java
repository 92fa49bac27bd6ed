package dev.limbic.intake;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The integrations the intake knows, looked up on every request. Lookups must not block: implement them
 * over an in-memory snapshot of the configuration (a reload swaps the snapshot).
 */
public interface Integrations {

    /** The integration named {@code name}, whatever its format. */
    Optional<Integration> byName(String name);

    /** The PagerDuty-format integration whose {@code routing_key} is {@code routingKey}. */
    Optional<Integration> byRoutingKey(String routingKey);

    /**
     * An immutable snapshot of {@code integrations}.
     *
     * @throws IllegalArgumentException if two share a name, or two PagerDuty integrations share a routing key
     */
    static Integrations of(Collection<Integration> integrations) {
        Map<String, Integration> byName = new HashMap<>();
        Map<String, Integration> bySecretHash = new HashMap<>();
        for (Integration integration : integrations) {
            if (byName.putIfAbsent(integration.name(), integration) != null) {
                throw new IllegalArgumentException("two integrations are named " + integration.name());
            }
            if (integration.format() == IntakeFormat.PAGERDUTY) {
                Integration other = bySecretHash.putIfAbsent(integration.secretSha256(), integration);
                if (other != null) {
                    throw new IllegalArgumentException("integrations " + other.name() + " and " + integration.name()
                            + " have the same routing_key");
                }
            }
        }
        Map<String, Integration> names = Map.copyOf(byName);
        Map<String, Integration> routingKeys = Map.copyOf(bySecretHash);
        return new Integrations() {
            @Override
            public Optional<Integration> byName(String name) {
                return Optional.ofNullable(name == null ? null : names.get(name));
            }

            @Override
            public Optional<Integration> byRoutingKey(String routingKey) {
                if (routingKey == null || routingKey.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.ofNullable(routingKeys.get(Integration.sha256Hex(routingKey)))
                        .filter(integration -> integration.acceptsSecret(routingKey));
            }
        };
    }
}
