package dev.limbic.config;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Router;
import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.escalation.Target;
import dev.limbic.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The paging sections read from YAML into domain objects that behave as configured. */
class PagingConfigTest {
    static final String PAGING = """
            database:
              url: postgresql://limbic:s3cret@db.example.org:5433/limbic
              pool_size: 4
              answer_timeout: 10s
            responders:
              - id: alex
                timezone: Europe/Berlin
                partner: sam
                live_token: alex-live-token-123456
                notification_rate_per_minute: 10
                channels:
                  - type: live
                  - {type: ntfy, topic: alex-pages}
                  - {type: ntfy, server: "https://ntfy.example.org", topic: alex2, token: tk_abc}
                  - type: webhook
                    url: https://hooks.example.org/limbic
                    bearer_token: hook-bearer
                    headers: {X-Team: sre}
                    timeout: 5s
                  - {type: slack, name: team-chat, url: "https://hooks.slack.com/services/T/B/X"}
              - id: sam
                timezone: UTC
                partner: alex
              - id: jo
                timezone: UTC
            teams:
              - {id: sre, name: Site Reliability, members: [alex, sam], lead: alex}
              - {id: db, members: [jo]}
            schedules:
              - id: primary
                timezone: Europe/Berlin
                rotations:
                  - type: daily
                    start: 2026-03-02T09:00
                    handoff_time: "09:00"
                    participants: [alex, sam]
                overrides:
                  - {responder: jo, replaces: sam, start: "2026-03-03T12:00", end: "2026-03-03T18:00"}
                  - {responder: jo, start: "2026-03-10T00:00:00Z", end: "2026-03-10T01:00:00Z"}
              - id: nights
                timezone: UTC
                rotations:
                  - {name: twelve, type: hourly, shift_hours: 12, start: "2026-03-02T08:00:00Z", participants: [jo, sam]}
            escalation_policies:
              - id: default
                repeat: 2
                ack_timeout: 30m
                steps:
                  - {delay: 5m, targets: ["schedule:primary"]}
                  - delay: 1h30m
                    targets: [responder:jo, {schedule: nights}, {responder: alex}]
              - id: db
                steps: [{delay: 10m, targets: [responder:jo]}]
            integrations:
              - {name: am, type: alertmanager, secret: am-secret-0123456789, dedup: group, default_severity: warning}
              - {name: pd, type: pagerduty, routing_key: R0UTINGKEY0123456789abcdef}
              - {name: pd-db, type: pagerduty, routing_key: R0UTINGKEY-database-0001, max_body_bytes: 65536}
              - {name: scripts, type: generic, secret: generic-secret-0123}
            routes:
              - {name: databases, policy: db, integrations: [am, pd-db], match: ["team=~db.*", "severity!=info"]}
              - {policy: default, match: [severity=critical]}
            default_policy: default
            """;

    static LimbicConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyFileHasNoPagingButAnEmbeddedDatabaseAndCareDefaults() throws ConfigException {
        LimbicConfig config = parse("");

        assertThat(config.database()).isEqualTo(DatabaseConfig.embedded());
        assertThat(config.database().isEmbedded()).isTrue();
        assertThat(config.teams()).isEmpty();
        assertThat(config.schedules()).isEmpty();
        assertThat(config.escalationPolicies()).isEmpty();
        assertThat(config.router()).isEmpty();
        assertThat(config.integrations()).isEmpty();
        assertThat(config.care()).isEqualTo(CareConfig.defaults());
    }

    @Test
    void databaseUrlIsKeptButItsPasswordNeverShown() throws ConfigException {
        LimbicConfig config = parse(PAGING);

        assertThat(config.database().url()).contains(URI.create("postgresql://limbic:s3cret@db.example.org:5433/limbic"));
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.database().answerTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(DatabaseConfig.embedded().answerTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(config.database().isEmbedded()).isFalse();
        assertThat(config.database().toString()).contains("limbic:***@db.example.org").doesNotContain("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void respondersHavePartnersLiveTokensAndOrderedChannels() throws ConfigException {
        LimbicConfig config = parse(PAGING);
        ResponderConfig alex = config.responder("alex").orElseThrow();

        assertThat(alex.partner()).contains("sam");
        assertThat(alex.liveToken()).hasValueSatisfying(token -> {
            assertThat(token.matches("alex-live-token-123456")).isTrue();
            assertThat(token.matches("alex-live-token-123457")).isFalse();
            assertThat(token.sha256Hex()).hasSize(64).isEqualTo(SecretDigest.of("alex-live-token-123456").sha256Hex());
        });
        assertThat(alex.notificationRatePerMinute()).isEqualTo(10);
        assertThat(alex.channels()).extracting(ChannelConfig::type).containsExactly(ChannelConfig.Type.LIVE,
                ChannelConfig.Type.NTFY, ChannelConfig.Type.NTFY, ChannelConfig.Type.WEBHOOK, ChannelConfig.Type.SLACK);
        assertThat(alex.channels()).extracting(ChannelConfig::name)
                .containsExactly("live", "ntfy:alex-pages", "ntfy:alex2", "webhook", "team-chat");
        ChannelConfig ntfy = alex.channels().get(1);
        assertThat(ntfy.url()).contains(URI.create("https://ntfy.sh"));
        assertThat(ntfy.topic()).contains("alex-pages");
        assertThat(ntfy.token()).isEmpty();
        assertThat(alex.channels().get(2).url()).contains(URI.create("https://ntfy.example.org"));
        assertThat(alex.channels().get(2).token()).contains("tk_abc");
        ChannelConfig webhook = alex.channels().get(3);
        assertThat(webhook.url()).contains(URI.create("https://hooks.example.org/limbic"));
        assertThat(webhook.token()).contains("hook-bearer");
        assertThat(webhook.headers()).isEqualTo(Map.of("X-Team", "sre"));
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(alex.channels().get(4).timeout()).isEqualTo(ChannelConfig.DEFAULT_TIMEOUT);
        assertThat(config.toString()).doesNotContain("alex-live-token-123456", "hook-bearer", "tk_abc", "T/B/X");

        ResponderConfig jo = config.responder("jo").orElseThrow();
        assertThat(jo.partner()).isEmpty();
        assertThat(jo.liveToken()).isEmpty();
        assertThat(jo.channels()).isEmpty();
        assertThat(jo.notificationRatePerMinute()).isEqualTo(ResponderConfig.DEFAULT_NOTIFICATION_RATE_PER_MINUTE);
    }

    @Test
    void teamsNameTheirMembersAndLead() throws ConfigException {
        LimbicConfig config = parse(PAGING);

        assertThat(config.team("sre")).contains(new TeamConfig("sre", "Site Reliability", List.of("alex", "sam"), Optional.of("alex")));
        assertThat(config.team("db")).contains(new TeamConfig("db", "db", List.of("jo"), Optional.empty()));
    }

    @Test
    void aConfiguredDailyRotationHandsOffAtTheLocalTimeAcrossDaylightSaving() throws ConfigException {
        Schedule primary = parse(PAGING).schedule("primary").orElseThrow();

        assertThat(primary.onCallAt(Instant.parse("2026-03-02T07:59:00Z"))).as("before the start").isEmpty();
        assertThat(primary.onCallAt(Instant.parse("2026-03-02T08:00:00Z"))).containsExactly("alex");
        assertThat(primary.onCallAt(Instant.parse("2026-03-03T07:59:00Z"))).containsExactly("alex");
        assertThat(primary.onCallAt(Instant.parse("2026-03-03T08:00:00Z"))).containsExactly("sam");
        assertThat(primary.onCallAt(Instant.parse("2026-03-03T12:00:00+01:00"))).as("jo replaces sam").containsExactly("jo");
        assertThat(primary.onCallAt(Instant.parse("2026-03-03T18:00:00+01:00"))).containsExactly("sam");
        assertThat(primary.onCallAt(Instant.parse("2026-03-10T00:30:00Z"))).as("jo added").containsExactly("sam", "jo");
        // Berlin moves to summer time on 2026-03-29: the handoff stays at 09:00 local, now 07:00 UTC.
        assertThat(primary.onCallAt(Instant.parse("2026-03-30T06:59:00Z"))).containsExactly("sam");
        assertThat(primary.onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).containsExactly("alex");
    }

    @Test
    void anHourlyRotationWithoutHandoffTimeHandsOffFromItsStart() throws ConfigException {
        Schedule nights = parse(PAGING).schedule("nights").orElseThrow();

        assertThat(nights.rotations()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("twelve"));
        assertThat(nights.onCallAt(Instant.parse("2026-03-02T08:00:00Z"))).containsExactly("jo");
        assertThat(nights.onCallAt(Instant.parse("2026-03-02T20:00:00Z"))).containsExactly("sam");
        assertThat(nights.onCallAt(Instant.parse("2026-03-03T08:00:00Z"))).containsExactly("jo");
        assertThat(nights.nextHandoffAfter(Instant.parse("2026-03-02T09:00:00Z"))).contains(Instant.parse("2026-03-02T20:00:00Z"));
    }

    @Test
    void policiesHaveStepsWithDelaysAndTargetsAndTheResolverKnowsTheSchedules() throws ConfigException {
        LimbicConfig config = parse(PAGING);
        EscalationPolicy policy = config.escalationPolicy("default").orElseThrow();

        assertThat(policy.repeat()).isEqualTo(2);
        assertThat(policy.ackTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.step(0).delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.step(0).targets()).containsExactly(Target.schedule("primary"));
        assertThat(policy.step(1).delay()).isEqualTo(Duration.ofMinutes(90));
        assertThat(policy.step(1).targets())
                .containsExactly(Target.responder("jo"), Target.schedule("nights"), Target.responder("alex"));
        EscalationPolicy db = config.escalationPolicy("db").orElseThrow();
        assertThat(db.repeat()).isZero();
        assertThat(db.hasAckTimeout()).isFalse();

        OnCallResolver resolver = config.onCallResolver();
        assertThat(resolver.onCall("primary", Instant.parse("2026-03-02T12:00:00Z"))).containsExactly("alex");
        assertThat(resolver.nextChangeAfter("primary", Instant.parse("2026-03-02T12:00:00Z")))
                .contains(Instant.parse("2026-03-03T08:00:00Z"));
    }

    @Test
    void integrationsKeepOnlyDigestsAndPagerDutyKeysAreFoundByTheirDigest() throws ConfigException {
        LimbicConfig config = parse(PAGING);

        IntegrationConfig am = config.integration("am").orElseThrow();
        assertThat(am.type()).isEqualTo(IntegrationConfig.Type.ALERTMANAGER);
        assertThat(am.acceptsSecret("am-secret-0123456789")).isTrue();
        assertThat(am.acceptsSecret("am-secret-012345678")).isFalse();
        assertThat(am.acceptsSecret("")).isFalse();
        assertThat(am.acceptsSecret(null)).isFalse();
        assertThat(am.dedup()).isEqualTo(IntegrationConfig.Dedup.GROUP);
        assertThat(am.defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(am.maxBodyBytes()).isEqualTo(IntegrationConfig.DEFAULT_WEBHOOK_BODY_BYTES);

        IntegrationConfig pd = config.integration("pd").orElseThrow();
        assertThat(pd.dedup()).isEqualTo(IntegrationConfig.Dedup.ALERT);
        assertThat(pd.defaultSeverity()).isEqualTo(Severity.ERROR);
        assertThat(pd.maxBodyBytes()).isEqualTo(IntegrationConfig.DEFAULT_PAGERDUTY_BODY_BYTES);
        assertThat(config.integration("pd-db").orElseThrow().maxBodyBytes()).isEqualTo(65536);

        assertThat(config.integrationByRoutingKey("R0UTINGKEY0123456789abcdef")).contains(pd);
        assertThat(config.integrationByRoutingKey("R0UTINGKEY-database-0001")).map(IntegrationConfig::name).contains("pd-db");
        assertThat(config.integrationByRoutingKey("am-secret-0123456789")).as("not a pagerduty integration").isEmpty();
        assertThat(config.integrationByRoutingKey("unknown-key")).isEmpty();
        assertThat(config.integrationByRoutingKey(null)).isEmpty();
        assertThat(config.toString()).doesNotContain("am-secret-0123456789", "R0UTINGKEY0123456789abcdef");
    }

    @Test
    void routesSendAlertsToTheirPoliciesAndTheRestToTheDefault() throws ConfigException {
        Router router = parse(PAGING).router().orElseThrow();

        assertThat(router.defaultPolicyId()).isEqualTo("default");
        assertThat(router.route(alert("am", Map.of("team", "dbops", "severity", "critical"))))
                .isEqualTo(new Router.RouteChoice("db", "databases"));
        assertThat(router.route(alert("scripts", Map.of("team", "dbops", "severity", "critical"))))
                .as("databases only takes alerts from am and pd-db").isEqualTo(new Router.RouteChoice("default", "route-2"));
        assertThat(router.route(alert("am", Map.of("team", "dbops", "severity", "info"))))
                .isEqualTo(new Router.RouteChoice("default", Router.DEFAULT_ROUTE));
    }

    @Test
    void summaryCountsEverySection() throws ConfigException {
        assertThat(parse(PAGING).summary())
                .isEqualTo("3 responders, 2 teams, 2 schedules, 2 policies, 2 routes, 4 integrations, database external");
        assertThat(parse("").summary())
                .isEqualTo("0 responders, 0 teams, 0 schedules, 0 policies, 0 routes, 0 integrations, database embedded");
    }

    @Test
    void withPortKeepsEverythingElse() throws ConfigException {
        LimbicConfig config = parse(PAGING);
        LimbicConfig moved = config.withPort(0);

        assertThat(moved.server().port()).isZero();
        assertThat(moved.withPort(config.server().port())).isEqualTo(config);
    }

    private static AlertEvent alert(String integration, Map<String, String> labels) {
        return new AlertEvent(integration, "key", AlertAction.TRIGGER, Severity.ERROR, "summary", "", labels, "{}",
                Instant.EPOCH);
    }
}
