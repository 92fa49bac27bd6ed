package dev.limbic.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each paging section reports wrong types, missing keys, bad references, durations, duplicates and URLs by path. */
class PagingConfigProblemsTest {
    private static final String PEOPLE = """
            responders:
              - {id: alex, timezone: UTC}
              - {id: sam, timezone: UTC}
            """;

    private static java.util.List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("the config should have been rejected").isNotNull();
        return e.problems();
    }

    @Test
    void database() {
        assertThat(problems("database: {url: 'mysql://u:p@h/db', pool_size: 0}")).containsExactly(
                "limbic.yaml: database.url: 'mysql://u:***@h/db' must start with postgresql:// (leave url out for the embedded database)",
                "limbic.yaml: database.pool_size: must be an integer between 1 and 256");
        assertThat(problems("database: {answer_timeout: 50ms}")).containsExactly(
                "limbic.yaml: database.answer_timeout: must be between 100ms and 10m");
        assertThat(problems("database: {url: 'postgresql://u:p@h:5432/'}")).containsExactly(
                "limbic.yaml: database.url: 'postgresql://u:***@h:5432/' names no database (expected postgresql://user:pass@host:port/db)");
        assertThat(problems("database: {url: 'postgresql:///db'}")).containsExactly(
                "limbic.yaml: database.url: 'postgresql:///db' names no host (expected postgresql://user:pass@host:port/db)");
        assertThat(problems("database: {url: 'postgresql://h /db'}")).containsExactly(
                "limbic.yaml: database.url: 'postgresql://h /db' is not a URL (expected postgresql://user:pass@host:port/db)");
        assertThat(problems("database: {ur1: x}")).containsExactly(
                "limbic.yaml: database.ur1: unknown key (did you mean 'url'?)");
        assertThat(problems("database: postgresql://h/db")).containsExactly(
                "limbic.yaml: database: must be a mapping of keys to values");
    }

    @Test
    void responderPartnersLiveTokensAndRates() {
        assertThat(problems("""
                responders:
                  - {id: alex, timezone: UTC, partner: alex, live_token: same-live-token-0001}
                  - {id: sam, timezone: UTC, partner: alx, live_token: same-live-token-0001, notification_rate_per_minute: 0}
                  - {id: jo, timezone: UTC, partner: nobody-like-that, live_token: short}
                """)).containsExactly(
                "limbic.yaml: responders[1].live_token: is the same as the live_token of responders[0] (each responder needs their own)",
                "limbic.yaml: responders[1].notification_rate_per_minute: must be an integer between 1 and 600",
                "limbic.yaml: responders[2].live_token: must be at least 16 characters",
                "limbic.yaml: responders[0].partner: 'alex' cannot be their own partner",
                "limbic.yaml: responders[1].partner: no responder 'alx' (did you mean 'alex'?)",
                "limbic.yaml: responders[2].partner: no responder 'nobody-like-that' (known: alex, sam, jo)");
    }

    @Test
    void channels() {
        assertThat(problems("""
                responders:
                  - id: alex
                    timezone: UTC
                    channels:
                      - type: live
                      - type: pager
                      - {type: webhook, url: "ftp://files.example.org/x", headers: [a]}
                      - {type: webhook}
                      - {type: slack, url: "not a url"}
                      - {type: ntfy, server: "https:/broken", topic: "a/b", token: ""}
                      - {type: ntfy, timeout: 2m}
                      - {type: slack, url: "https://hooks.slack.com/x", topic: t}
                      - just-a-string
                  - id: sam
                    timezone: UTC
                    live_token: sam-live-token-00001
                    channels: [{type: live}, {type: live}]
                """)).containsExactly(
                "limbic.yaml: responders[0].channels[8]: must be a mapping of keys to values",
                "limbic.yaml: responders[0].channels[0].type: a live channel needs the responder's live_token",
                "limbic.yaml: responders[0].channels[1].type: 'pager' is not a channel type (live, webhook, slack or ntfy)",
                "limbic.yaml: responders[0].channels[2].url: 'ftp://files.example.org/x' is not an http or https URL",
                "limbic.yaml: responders[0].channels[2].headers: must be a mapping of names to values",
                "limbic.yaml: responders[0].channels[3].url: missing",
                "limbic.yaml: responders[0].channels[4].url: 'not a url' is not an http or https URL",
                "limbic.yaml: responders[0].channels[5].server: 'https:/broken' is not an http or https URL",
                "limbic.yaml: responders[0].channels[5].topic: must be a non-empty name without '/'",
                "limbic.yaml: responders[0].channels[5].token: must not be empty (leave it out for none)",
                "limbic.yaml: responders[0].channels[6].timeout: must be between 1s and 60s",
                "limbic.yaml: responders[0].channels[6].topic: missing",
                "limbic.yaml: responders[0].channels[7].topic: unknown key (known keys: type, name, timeout, url)",
                "limbic.yaml: responders[1].channels[1].type: a responder has one live channel; this is the second");
    }

    @Test
    void aResponderWithProblemsCanStillBeReferred() {
        assertThat(problems("""
                responders:
                  - {id: alex}
                teams:
                  - {id: sre, members: [alex]}
                """)).containsExactly("limbic.yaml: responders[0].timezone: missing");
    }

    @Test
    void teams() {
        assertThat(problems(PEOPLE + """
                teams:
                  - {id: sre, members: [alex, alex, sma], lead: jo}
                  - {id: sre, members: alex}
                  - {name: no id}
                """)).containsExactly(
                "limbic.yaml: teams[0].members[1]: 'alex' is already a member",
                "limbic.yaml: teams[0].members[2]: no responder 'sma' (did you mean 'sam'?)",
                "limbic.yaml: teams[0].lead: no responder 'jo' (known: alex, sam)",
                "limbic.yaml: teams[1].id: 'sre' is already the id of teams[0]",
                "limbic.yaml: teams[1].members: must be a list",
                "limbic.yaml: teams[2].id: missing");
    }

    @Test
    void schedules() {
        assertThat(problems(PEOPLE + """
                schedules:
                  - id: primary
                    timezone: Moon/Base
                    rotations:
                      - {type: monthly, start: 2026-01-05T09:00, participants: [alex]}
                      - {type: hourly, start: 2026-01-05T09:00, participants: [alex]}
                      - {type: daily, shift_hours: 2, start: yesterday, handoff_time: "25:00", participants: [alx]}
                      - {type: weekly, shift_weeks: 0, start: 2026-01-05, participants: []}
                      - {type: daily, start: 2026-01-05}
                      - {type: daily, start: 2026-01-05, participants: alex}
                    overrides:
                      - {responder: sam, replaces: sam, start: 2026-01-06T09:00, end: 2026-01-06T08:00}
                      - {responder: jo, start: 2026-01-06T09:00}
                  - id: primary
                    timezone: UTC
                  - {id: Bad Id, timezone: UTC}
                """)).containsExactly(
                "limbic.yaml: schedules[0].timezone: 'Moon/Base' is not a time zone (use a region like Europe/Berlin, or UTC)",
                "limbic.yaml: schedules[0].rotations[0].type: 'monthly' is not a rotation type (daily, weekly or hourly)",
                "limbic.yaml: schedules[0].rotations[1].shift_hours: missing (how many hours one shift lasts)",
                "limbic.yaml: schedules[0].rotations[2].shift_hours: is only for hourly rotations (this one is daily)",
                "limbic.yaml: schedules[0].rotations[2].start: 'yesterday' is not " + SchedulesSection.TIME_HINT,
                "limbic.yaml: schedules[0].rotations[2].handoff_time: '25:00' is not a time of day like 09:00",
                "limbic.yaml: schedules[0].rotations[2].participants[0]: no responder 'alx' (did you mean 'alex'?)",
                "limbic.yaml: schedules[0].rotations[3].shift_weeks: must be an integer between 1 and 10000",
                "limbic.yaml: schedules[0].rotations[3].participants: must name at least one responder",
                "limbic.yaml: schedules[0].rotations[4].participants: missing (the responders who take shifts, in order)",
                "limbic.yaml: schedules[0].rotations[5].participants: must be a list",
                "limbic.yaml: schedules[0].overrides[0].replaces: 'sam' cannot replace themself",
                "limbic.yaml: schedules[0].overrides[0].end: must be after start",
                "limbic.yaml: schedules[0].overrides[1].responder: no responder 'jo' (known: alex, sam)",
                "limbic.yaml: schedules[0].overrides[1].end: missing",
                "limbic.yaml: schedules[1].id: 'primary' is already the id of schedules[0]",
                "limbic.yaml: schedules[2].id: must be made of a-z, 0-9, '_' and '-' (got 'Bad Id')");
    }

    @Test
    void escalationPolicies() {
        assertThat(problems(PEOPLE + """
                schedules:
                  - {id: primary, timezone: UTC}
                escalation_policies:
                  - id: default
                    repeat: -1
                    ack_timeout: 30 minutes
                    steps:
                      - {delay: 5m, targets: ["schedule:primry", "responder:sam", "alex", "team:sre"]}
                      - {delay: 0s, targets: [{schedule: primary, responder: alex}, {responder: jo}, 42]}
                      - {delay: 5, targets: []}
                      - {targets: [{scheduel: primary}]}
                  - {id: empty, steps: []}
                  - {id: none}
                  - {id: default, steps: [{delay: 1m, targets: [responder:alex]}]}
                  - {id: flat, steps: {delay: 1m}}
                  - {id: single, steps: [{delay: 1m, targets: responder:alex}]}
                default_policy: default
                """)).containsExactly(
                "limbic.yaml: escalation_policies[0].repeat: must be an integer between 0 and 100",
                "limbic.yaml: escalation_policies[0].ack_timeout: '30 minutes' is not " + Durations.FORMAT_HINT,
                "limbic.yaml: escalation_policies[0].steps[0].targets[0]: no schedule 'primry' (did you mean 'primary'?)",
                "limbic.yaml: escalation_policies[0].steps[0].targets[2]: 'alex' is not a target (write responder:ID or schedule:ID)",
                "limbic.yaml: escalation_policies[0].steps[0].targets[3]: 'team:sre' is not a target (write responder:ID or schedule:ID)",
                "limbic.yaml: escalation_policies[0].steps[1].delay: must be longer than 0s",
                "limbic.yaml: escalation_policies[0].steps[1].targets[0]: a target names exactly one of responder or schedule",
                "limbic.yaml: escalation_policies[0].steps[1].targets[1].responder: no responder 'jo' (known: alex, sam)",
                "limbic.yaml: escalation_policies[0].steps[1].targets[2]: '42' is not a target (write responder:ID or schedule:ID)",
                "limbic.yaml: escalation_policies[0].steps[2].delay: must be " + Durations.FORMAT_HINT + " (with a unit)",
                "limbic.yaml: escalation_policies[0].steps[2].targets: must name at least one target",
                "limbic.yaml: escalation_policies[0].steps[3].delay: missing (how long to wait for an acknowledgement before the next step, like 5m)",
                "limbic.yaml: escalation_policies[0].steps[3].targets[0]: a target names exactly one of responder or schedule",
                "limbic.yaml: escalation_policies[0].steps[3].targets[0].scheduel: unknown key (did you mean 'schedule'?)",
                "limbic.yaml: escalation_policies[1].steps: must have at least one step",
                "limbic.yaml: escalation_policies[2].steps: missing (a policy needs at least one step)",
                "limbic.yaml: escalation_policies[3].id: 'default' is already the id of escalation_policies[0]",
                "limbic.yaml: escalation_policies[4].steps: must be a list",
                "limbic.yaml: escalation_policies[5].steps[0].targets: must be a list");
    }

    @Test
    void integrations() {
        assertThat(problems("""
                integrations:
                  - {name: am, type: alertmanager, secret: short, dedup: fingerprint}
                  - {name: am, type: prometheus, secret: long-enough-secret-01}
                  - {name: pd1, type: pagerduty, routing_key: routing-key-000000001, dedup: group}
                  - {name: pd2, type: pagerduty, routing_key: routing-key-000000001, secret: long-enough-secret-01}
                  - {name: gen, type: generic, routing_key: routing-key-000000002, default_severity: urgent, max_body_bytes: 10}
                  - {name: Grafana!, type: grafana}
                """)).containsExactly(
                "limbic.yaml: integrations[0].secret: must be at least 16 characters",
                "limbic.yaml: integrations[0].dedup: 'fingerprint' must be alert (one incident per alert) or group (one per notification group)",
                "limbic.yaml: integrations[1].name: 'am' is already the name of integrations[0]",
                "limbic.yaml: integrations[1].type: 'prometheus' is not an integration type (alertmanager, grafana, pagerduty or generic)",
                "limbic.yaml: integrations[2].dedup: is only for alertmanager and grafana integrations",
                "limbic.yaml: integrations[3].secret: a pagerduty integration is authenticated by its routing_key, not a secret",
                "limbic.yaml: integrations[3].routing_key: is the same as the routing_key of integrations[2] (events must name one integration)",
                "limbic.yaml: integrations[4].routing_key: only pagerduty integrations have a routing_key; this one takes a bearer secret",
                "limbic.yaml: integrations[4].secret: missing",
                "limbic.yaml: integrations[4].default_severity: 'urgent' is not a severity (critical, error, warning or info)",
                "limbic.yaml: integrations[4].max_body_bytes: must be an integer between 1024 and 67108864",
                "limbic.yaml: integrations[5].name: must be made of a-z, 0-9, '_' and '-' (got 'Grafana!')",
                "limbic.yaml: integrations[5].secret: missing");
    }

    @Test
    void routes() {
        assertThat(problems(PEOPLE + """
                escalation_policies:
                  - {id: default, steps: [{delay: 5m, targets: [responder:alex]}]}
                integrations:
                  - {name: am, type: alertmanager, secret: long-enough-secret-01}
                routes:
                  - {name: db, policy: defualt, integrations: [an], match: ["team=~(db", "severity"]}
                  - {name: db, policy: default}
                  - {match: [severity=critical]}
                  - {policy: default, match: "severity=critical"}
                """)).containsExactly(
                "limbic.yaml: routes[0].policy: no escalation policy 'defualt' (did you mean 'default'?)",
                "limbic.yaml: routes[0].integrations[0]: no integration 'an' (did you mean 'am'?)",
                "limbic.yaml: routes[0].match[0]: label matcher for 'team' has an invalid regex: Unclosed group",
                "limbic.yaml: routes[0].match[1]: not a label matcher (expected label=value, !=, =~ or !~): severity",
                "limbic.yaml: routes[1].name: 'db' is already the name of routes[0]",
                "limbic.yaml: routes[2].policy: missing",
                "limbic.yaml: routes[3].match: must be a list",
                "limbic.yaml: default_policy: missing (the policy for alerts that match no route; one of: default)");
        assertThat(problems(PEOPLE + """
                escalation_policies:
                  - {id: default, steps: [{delay: 5m, targets: [responder:alex]}]}
                default_policy: primary
                """)).containsExactly(
                "limbic.yaml: default_policy: no escalation policy 'primary' (known: default)");
    }
}
