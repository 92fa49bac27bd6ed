package dev.limbic.grafana;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus and Alertmanager files in {@code grafana/prometheus} as the real tools read them: promtool
 * checks the scrape configuration and the rules and runs the rules' unit tests (alerts fire when frames stop,
 * when webhooks are refused, when notifications fail); amtool checks the Alertmanager configuration.
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

    @Test
    void alertmanagerConfigurationIsValidAndSendsToLimbic() {
        String output = AMTOOL.succeed(DIR, 60, "check-config", "alertmanager.yml");
        assertThat(output).contains("SUCCESS").contains("1 receivers");
    }
}
