package dev.limbic.grafana;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

    @Test
    void alertmanagerConfigurationIsValidAndSendsToLimbic() {
        String output = AMTOOL.succeed(DIR, 60, "check-config", "alertmanager.yml");
        assertThat(output).contains("SUCCESS").contains("1 receivers");
    }
}
