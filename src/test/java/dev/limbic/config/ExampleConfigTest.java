package dev.limbic.config;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example the README points to loads clean and uses every section. */
class ExampleConfigTest {
    static final String EXAMPLE = "/dev/limbic/config/example.yaml";

    static LimbicConfig example() throws ConfigException {
        InputStream in = ExampleConfigTest.class.getResourceAsStream(EXAMPLE);
        assertThat(in).as(EXAMPLE + " on the class path").isNotNull();
        return ConfigLoader.load("example.yaml", in);
    }

    @Test
    void loadsCleanWithEverySection() throws ConfigException {
        LimbicConfig config = example();

        assertThat(config.responders()).extracting(ResponderConfig::id).contains("alex", "sam");
        assertThat(config.responder("alex").orElseThrow().partner()).contains("sam");
        assertThat(config.responder("sam").orElseThrow().partner()).contains("alex");
        assertThat(config.responder("alex").orElseThrow().channels()).extracting(ChannelConfig::type)
                .contains(ChannelConfig.Type.LIVE, ChannelConfig.Type.NTFY, ChannelConfig.Type.WEBHOOK);
        assertThat(config.responder("sam").orElseThrow().channels()).extracting(ChannelConfig::type)
                .contains(ChannelConfig.Type.SLACK);
        assertThat(config.teams()).isNotEmpty();
        assertThat(config.schedules()).isNotEmpty();
        assertThat(config.escalationPolicies()).allSatisfy(p -> assertThat(p.steps()).isNotEmpty());
        assertThat(config.escalationPolicy("default").orElseThrow().steps()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(config.integrations()).extracting(IntegrationConfig::type).contains(IntegrationConfig.Type.values());
        assertThat(config.router().orElseThrow().routes()).isNotEmpty();
        assertThat(config.care().settings().nightPagesPerWeek()).isPresent();
    }

    @Test
    void itsDemoSecretsWork() throws ConfigException {
        LimbicConfig config = example();

        assertThat(config.integration("alertmanager").orElseThrow().acceptsSecret("demo-alertmanager-secret-0001")).isTrue();
        assertThat(config.integrationByRoutingKey("demo0pagerduty0routing0key00001")).map(IntegrationConfig::name).contains("pagerduty");
        assertThat(config.responder("alex").orElseThrow().liveToken().orElseThrow().matches("demo-alex-live-token-0001")).isTrue();
    }

    @Test
    void aDatabaseAlertFromAlertmanagerTakesTheDatabaseRoute() throws ConfigException {
        AlertEvent alert = new AlertEvent("alertmanager", "k", AlertAction.TRIGGER, Severity.ERROR, "disk full", "",
                Map.of("team", "db-core", "severity", "critical"), "{}", Instant.EPOCH);

        assertThat(example().router().orElseThrow().route(alert).policyId()).isEqualTo("database");
    }
}
