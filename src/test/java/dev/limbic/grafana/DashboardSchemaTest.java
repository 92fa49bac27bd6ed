package dev.limbic.grafana;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every dashboard in {@code grafana/dashboards} type-checks against Grafana's published dashboard model, the
 * TypeScript types of npm {@code @grafana/schema}: {@code src/test/grafana/generate.mjs} turns each JSON file
 * into a typed object literal and {@code tsc} checks it (unknown or misspelt keys, wrong value types, enum
 * values Grafana does not know, panel options of the wrong plugin). Installs the pinned npm packages with
 * {@code npm ci} when they are missing.
 */
class DashboardSchemaTest {
    private static final Path PROJECT = Path.of("src", "test", "grafana").toAbsolutePath();
    private static final ExternalCommand NPM = new ExternalCommand("npm", "Node.js");
    private static final ExternalCommand NPX = new ExternalCommand("npx", "Node.js");
    private static final ExternalCommand NODE = new ExternalCommand("node", "Node.js");

    @Test
    void everyDashboardTypeChecksAgainstGrafanasDashboardModel() {
        if (!Files.isDirectory(PROJECT.resolve("node_modules/@grafana/schema"))
                || !Files.isDirectory(PROJECT.resolve("node_modules/typescript"))) {
            NPM.succeed(PROJECT, 600, "ci", "--no-audit", "--no-fund");
        }
        NODE.succeed(PROJECT, 120, "generate.mjs");
        NPX.succeed(PROJECT, 300, "--no-install", "tsc", "-p", ".");
    }
}
