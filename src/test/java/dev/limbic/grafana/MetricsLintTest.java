package dev.limbic.grafana;

import dev.limbic.metrics.GatewayMetrics;
import dev.limbic.metrics.MetricsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's registry as Prometheus's own lint reads it: {@code promtool check metrics} accepts the JVM,
 * process and gateway meters, and the CPU meters the dashboards use are still there. (The end-to-end test,
 * {@code PrometheusEndToEndTest}, checks a running demo's whole {@code /metrics}, Vert.x's meters included.)
 */
class MetricsLintTest {
    private static final ExternalCommand PROMTOOL = new ExternalCommand("promtool", "the Debian package `prometheus`");

    @Test
    void promtoolAcceptsTheRegistrysMetrics(@TempDir Path dir) throws IOException {
        String text;
        try (MetricsRegistry registry = new MetricsRegistry()) {
            new GatewayMetrics(registry.registry(), 2);
            text = registry.registry().scrape();
        }
        Path scrape = Files.writeString(dir.resolve("metrics.txt"), text);

        PROMTOOL.succeed(dir, scrape, 60, "check", "metrics");

        assertThat(text).contains("\nprocess_cpu_usage ", "\nprocess_cpu_time_seconds_total ",
                        "\nsystem_available_processors ", "\njvm_memory_used_bytes{")
                .doesNotContain("process_cpu_time_ns_total", "system_cpu_count");
    }
}
