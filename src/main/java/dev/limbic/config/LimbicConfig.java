package dev.limbic.config;

import dev.limbic.alert.Router;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.schedule.Schedule;
import dev.limbic.stress.StressThresholds;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole, validated Limbic configuration. Immutable: a reload builds a new one.
 *
 * @param server             where the gateway listens
 * @param dataDir            where Limbic keeps its files
 * @param database           the PostgreSQL server, or the embedded one
 * @param stress             the default stress thresholds
 * @param responders         everyone who can be paged, in the file's order
 * @param teams              groups of responders
 * @param schedules          who is on call when
 * @param escalationPolicies whom to page, in which order, how often
 * @param router             which policy pages for an alert; empty when no policy is configured
 * @param integrations       the sources of alerts with their secrets
 * @param care               the bounds of the stress-aware behaviour
 */
public record LimbicConfig(ServerConfig server, Path dataDir, DatabaseConfig database, StressThresholds stress,
                           List<ResponderConfig> responders, List<TeamConfig> teams, List<Schedule> schedules,
                           List<EscalationPolicy> escalationPolicies, Optional<Router> router,
                           List<IntegrationConfig> integrations, CareConfig care) {
    public LimbicConfig {
        responders = List.copyOf(responders);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        escalationPolicies = List.copyOf(escalationPolicies);
        integrations = List.copyOf(integrations);
    }

    public Optional<ResponderConfig> responder(String id) {
        return responders.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<TeamConfig> team(String id) {
        return teams.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<Schedule> schedule(String id) {
        return schedules.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<EscalationPolicy> escalationPolicy(String id) {
        return escalationPolicies.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The integration named {@code name}, whatever its type. */
    public Optional<IntegrationConfig> integration(String name) {
        return integrations.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The PagerDuty integration whose {@code routing_key} is {@code routingKey}: found by the key's digest, then
     * confirmed in constant time. Callers that look keys up per request should keep the map from
     * {@link #pagerDutyIntegrationsByRoutingKey()}.
     */
    public Optional<IntegrationConfig> integrationByRoutingKey(String routingKey) {
        if (routingKey == null || routingKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(pagerDutyIntegrationsByRoutingKey().get(SecretDigest.of(routingKey)))
                .filter(i -> i.acceptsSecret(routingKey));
    }

    /** The PagerDuty integrations keyed by the digest of their routing key (unique: the loader checks it). */
    public Map<SecretDigest, IntegrationConfig> pagerDutyIntegrationsByRoutingKey() {
        return integrations.stream().filter(i -> i.type() == IntegrationConfig.Type.PAGERDUTY)
                .collect(Collectors.toUnmodifiableMap(IntegrationConfig::secret, Function.identity()));
    }

    /** Who is on call in the configured schedules, for the escalation engine. */
    public OnCallResolver onCallResolver() {
        return OnCallResolver.of(schedules.stream().collect(Collectors.toMap(Schedule::id, Function.identity())));
    }

    /** The thresholds for one responder: the defaults with their own resting heart rate, if configured. */
    public StressThresholds thresholdsFor(String responderId) {
        return responder(responderId).map(this::thresholdsOf).orElse(stress);
    }

    /** The thresholds of every responder by id, for lookups that must not scan the list. */
    public Map<String, StressThresholds> thresholdsByResponder() {
        Map<String, StressThresholds> thresholds = new HashMap<>();
        for (ResponderConfig responder : responders) {
            thresholds.put(responder.id(), thresholdsOf(responder));
        }
        return Map.copyOf(thresholds);
    }

    private StressThresholds thresholdsOf(ResponderConfig responder) {
        return responder.restingHeartRateBpm().isPresent()
                ? stress.withRestingHeartRateBpm(responder.restingHeartRateBpm().getAsDouble())
                : stress;
    }

    /** The same configuration listening on another port (the demo's {@code --port}, tests' port 0). */
    public LimbicConfig withPort(int port) {
        return new LimbicConfig(server.withPort(port), dataDir, database, stress, responders, teams, schedules,
                escalationPolicies, router, integrations, care);
    }

    /** One line for people: {@code 2 responders, 1 team, 1 schedule, 1 policy, 2 routes, 3 integrations}. */
    public String summary() {
        return count(responders.size(), "responder") + ", " + count(teams.size(), "team") + ", "
                + count(schedules.size(), "schedule") + ", " + count(escalationPolicies.size(), "policy", "policies") + ", "
                + count(router.map(r -> r.routes().size()).orElse(0), "route") + ", "
                + count(integrations.size(), "integration") + ", database "
                + (database.isEmbedded() ? "embedded" : "external");
    }

    private static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
