package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.limbic.config.IntegrationConfig;
import dev.limbic.demo.Demo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus and Alertmanager files in {@code grafana/prometheus} as the real tools read them: promtool
 * checks the scrape configuration and the rules, runs the rules' unit tests (alerts fire when frames stop,
 * when webhooks are refused, when notifications fail) and parses every dashboard query; amtool checks the
 * Alertmanager configuration.
 */
class PrometheusConfigTest {
    private static final Path DIR = Path.of("grafana", "prometheus").toAbsolutePath();
    private static final ExternalCommand PROMTOOL = new ExternalCommand("promtool", "the Debian package `prometheus`");
    private static final ExternalCommand AMTOOL = new ExternalCommand("amtool", "the Debian package `prometheus-alertmanager`");

    @Test
    void prometheusConfigurationIsValidAndLoadsTheRules() {
        String output = PROMTOOL.succeed(DIR, 60, "check", "config", "prometheus.yml");
        assertThat(output).contains("1 rule files found");
    }

    @Test
    void alertingRulesAreValid() {
        String output = PROMTOOL.succeed(DIR, 60, "check", "rules", "limbic-rules.yml");
        assertThat(output).contains("SUCCESS: 4 rules found");
    }

    @Test
    void alertingRulesFireAsTheirUnitTestsExpect() {
        PROMTOOL.succeed(DIR, 120, "test", "rules", "limbic-rules.test.yml");
    }

    /**
     * Every dashboard query is valid PromQL for this Prometheus: each becomes a recording rule (Grafana's
     * variables replaced by what Grafana would send) and promtool parses them all.
     */
    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        List<DashboardFiles.QueryAt> queries = DashboardFiles.load().queries();
        for (int i = 0; i < queries.size(); i++) {
            String expr = withGrafanaVariables(queries.get(i).expr());
            rules.append("      # ").append(queries.get(i).where().replace('\n', ' ')).append('\n')
                    .append("      - record: dashboard_query_").append(i).append('\n')
                    .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        String output = PROMTOOL.succeed(dir, 60, "check", "rules", "dashboard-queries.yml");
        assertThat(queries).hasSizeGreaterThan(40);
        assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
    }

    /** {@code expr} as Grafana sends it with every multi-value variable on "All". */
    private static String withGrafanaVariables(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "12h")
                .replace("$shift", "12h").replace("$team", ".*").replace("$responder", ".*").replace("$instance", ".*");
    }

    /** The repo's alertmanager.yml works against {@code limbic demo} as it is: same integration, type and secret. */
    @Test
    void alertmanagerConfigurationSendsToTheDemosAlertmanagerIntegration() throws Exception {
        JsonNode receiver = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("alertmanager.yml").toFile())
                .path("receivers").path(0).path("webhook_configs").path(0);
        URI url = URI.create(receiver.path("url").asText());
        String credentials = receiver.path("http_config").path("authorization").path("credentials").asText();
        assertThat(url.getPath()).startsWith("/v1/intake/alertmanager/");
        String name = url.getPath().substring("/v1/intake/alertmanager/".length());

        IntegrationConfig integration = Demo.config().integration(name).orElseThrow(() ->
                new AssertionError("limbic demo has no integration '" + name + "', which alertmanager.yml sends to"));
        assertThat(integration.type()).isEqualTo(IntegrationConfig.Type.ALERTMANAGER);
        assertThat(integration.acceptsSecret(credentials)).as("the demo accepts alertmanager.yml's bearer token").isTrue();
        assertThat(credentials).isEqualTo(Demo.ALERTMANAGER_SECRET);
        assertThat(url.getPort()).isEqualTo(Demo.config().server().port());
    }

    @Test
    void alertmanagerConfigurationIsValidAndSendsToLimbic() {
        String output = AMTOOL.succeed(DIR, 60, "check-config", "alertmanager.yml");
        assertThat(output).contains("SUCCESS").contains("1 receivers");
    }
}
