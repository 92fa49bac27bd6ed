package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the schema cannot say about Limbic's dashboards and provisioning: every panel explains what to look for,
 * queries Limbic's Prometheus datasource, and uses only metrics and labels of the contract in
 * {@code grafana/METRICS.md}; the leads' dashboards filter by team and responder; the provisioning files
 * point at the datasource uid and folder the dashboards and README use. The alerting rules use the contract too.
 */
class DashboardContentTest {
    private static final Path GRAFANA = Path.of("grafana");
    private static final String DATASOURCE_UID = "limbic-prometheus";
    private static final String DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards";
    private static final Map<String, String> UIDS = Map.of(
            "team-stress.json", "limbic-team-stress",
            "oncall-load.json", "limbic-oncall-load",
            "gateway.json", "limbic-gateway");
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("__rate_interval", "__range", "__interval", "__all");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})?\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static MetricsContract contract;
    private static DashboardFiles files;
    private static Map<String, JsonNode> dashboards;

    @BeforeAll
    static void load() {
        contract = MetricsContract.read(GRAFANA.resolve("METRICS.md"));
        files = DashboardFiles.load();
        dashboards = files.byFile();
    }

    @Test
    void theThreeDashboardsHaveTheirFixedUidsAndARecentSchemaVersion() {
        assertThat(dashboards).containsOnlyKeys(UIDS.keySet());
        dashboards.forEach((file, d) -> {
            assertThat(d.path("uid").asText()).as("%s uid", file).isEqualTo(UIDS.get(file));
            assertThat(d.path("title").asText()).as("%s title", file).startsWith("Limbic: ");
            assertThat(d.path("schemaVersion").asInt()).as("%s schemaVersion", file).isGreaterThanOrEqualTo(41);
            assertThat(d.path("id").isMissingNode() || d.path("id").isNull()).as("%s has no instance id", file).isTrue();
        });
    }

    @Test
    void everyPanelHasADescriptionAndQueriesLimbicsPrometheus() {
        List<String> problems = new ArrayList<>();
        for (DashboardFiles.PanelAt each : files.panels()) {
            String where = each.where();
            JsonNode panel = each.panel();
            if (panel.path("description").asText().isBlank()) {
                problems.add(where + ": no description");
            }
            if (!DATASOURCE_UID.equals(panel.path("datasource").path("uid").asText())) {
                problems.add(where + ": datasource uid is not " + DATASOURCE_UID);
            }
            JsonNode targets = panel.path("targets");
            if (!targets.isArray() || targets.isEmpty()) {
                problems.add(where + ": no queries");
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : targets) {
                String at = where + " query " + target.path("refId").asText("?");
                if (target.path("expr").asText().isBlank()) {
                    problems.add(at + ": no expr");
                }
                if (!DATASOURCE_UID.equals(target.path("datasource").path("uid").asText())) {
                    problems.add(at + ": datasource uid is not " + DATASOURCE_UID);
                }
                if (!refIds.add(target.path("refId").asText())) {
                    problems.add(at + ": refId used twice");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyQueryUsesOnlyMetricsAndLabelsOfTheContract() {
        List<String> problems = new ArrayList<>();
        for (DashboardFiles.QueryAt query : files.queries()) {
            for (String problem : PromQlUse.problems(query.expr(), contract)) {
                problems.add(query.where() + ": " + problem);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyContractMetricOfLimbicIsOnSomeDashboard() {
        Set<String> used = new TreeSet<>();
        for (DashboardFiles.QueryAt query : files.queries()) {
            Matcher names = MetricsContract.METRIC_NAME.matcher(query.expr());
            while (names.find()) {
                contract.series(names.group()).ifPresent(s -> used.add(s.metric().name()));
            }
        }
        Set<String> limbic = new TreeSet<>(contract.metrics().keySet());
        limbic.removeIf(name -> !name.startsWith("limbic_"));
        assertThat(limbic).hasSizeGreaterThanOrEqualTo(30);
        assertThat(used).containsAll(limbic);
    }

    @Test
    void variablesComeFromTheContractAndEveryUsedVariableIsDefined() {
        List<String> problems = new ArrayList<>();
        dashboards.forEach((file, d) -> {
            Map<String, JsonNode> variables = new LinkedHashMap<>();
            for (JsonNode v : d.path("templating").path("list")) {
                variables.put(v.path("name").asText(), v);
                if (v.path("type").asText().equals("query")) {
                    if (!DATASOURCE_UID.equals(v.path("datasource").path("uid").asText())) {
                        problems.add(file + " variable " + v.path("name").asText() + ": datasource uid is not " + DATASOURCE_UID);
                    }
                    String query = v.path("query").path("query").asText(v.path("query").asText());
                    Matcher m = LABEL_VALUES.matcher(query);
                    if (!m.matches()) {
                        problems.add(file + " variable " + v.path("name").asText() + ": not a label_values(metric, label) query: " + query);
                        continue;
                    }
                    contract.series(m.group(1)).ifPresentOrElse(
                            series -> {
                                if (!series.labels().contains(m.group(3))) {
                                    problems.add(file + " variable " + v.path("name").asText() + ": " + m.group(1) + " has no label " + m.group(3));
                                }
                            },
                            () -> problems.add(file + " variable " + v.path("name").asText() + ": metric " + m.group(1) + " is not in METRICS.md"));
                    for (String problem : PromQlUse.problems(m.group(1) + (m.group(2) == null ? "" : m.group(2)), contract)) {
                        problems.add(file + " variable " + v.path("name").asText() + ": " + problem);
                    }
                }
            }
            List<String> uses = new ArrayList<>();
            files.panels().stream().filter(p -> p.file().equals(file))
                    .forEach(p -> p.panel().path("targets").forEach(t -> uses.add(t.path("expr").asText())));
            variables.values().forEach(v -> uses.add(v.path("query").path("query").asText(v.path("query").asText())));
            for (String text : uses) {
                Matcher m = VARIABLE_USE.matcher(text);
                while (m.find()) {
                    if (!variables.containsKey(m.group(1)) && !BUILT_IN_VARIABLES.contains(m.group(1))) {
                        problems.add(file + ": uses undefined variable $" + m.group(1) + " in " + text);
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theLeadsDashboardsFilterByTeamAndResponder() {
        for (String file : List.of("team-stress.json", "oncall-load.json")) {
            Map<String, JsonNode> variables = new LinkedHashMap<>();
            dashboards.get(file).path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
            assertThat(variables).as(file).containsKeys("team", "responder");
            for (String name : List.of("team", "responder")) {
                JsonNode v = variables.get(name);
                assertThat(v.path("type").asText()).as("%s $%s", file, name).isEqualTo("query");
                assertThat(v.path("query").path("query").asText()).as("%s $%s", file, name).startsWith("label_values(").endsWith(", " + name + ")");
                assertThat(v.path("includeAll").asBoolean() && v.path("multi").asBoolean()).as("%s $%s multi with All", file, name).isTrue();
            }
            assertThat(variables.get("responder").path("query").path("query").asText()).as(file).contains("team=~\"$team\"");
        }
    }

    @Test
    void panelsHaveUniqueIdsAndFitTheGrid() {
        List<String> problems = new ArrayList<>();
        dashboards.forEach((file, d) -> {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                String where = file + " panel '" + panel.path("title").asText() + "'";
                if (!ids.add(panel.path("id").asInt(-1))) {
                    problems.add(where + ": id " + panel.path("id") + " used twice");
                }
                JsonNode grid = panel.path("gridPos");
                if (grid.path("x").asInt() + grid.path("w").asInt() > 24 || grid.path("w").asInt() <= 0 || grid.path("h").asInt() <= 0) {
                    problems.add(where + ": gridPos " + grid + " outside the 24-column grid");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void provisioningPointsAtTheDatasourceAndFolderTheDashboardsUse() throws IOException {
        JsonNode datasources = YAML.readTree(GRAFANA.resolve("provisioning/datasources/limbic.yaml").toFile());
        assertThat(datasources.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode datasource = datasources.path("datasources").get(0);
        assertThat(datasource.path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("${PROMETHEUS_URL}");

        JsonNode providers = YAML.readTree(GRAFANA.resolve("provisioning/dashboards/limbic.yaml").toFile());
        assertThat(providers.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = providers.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo(DASHBOARDS_MOUNT);

        String readme = Files.readString(GRAFANA.resolve("README.md"));
        assertThat(readme).contains("/grafana/dashboards:" + DASHBOARDS_MOUNT)
                .contains("/grafana/provisioning:/etc/grafana/provisioning")
                .contains("cfg:default.paths.provisioning=");
    }

    @Test
    void alertingRulesUseOnlyMetricsAndLabelsOfTheContract() throws IOException {
        JsonNode rules = YAML.readTree(GRAFANA.resolve("prometheus/limbic-rules.yml").toFile());
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                for (String problem : PromQlUse.problems(rule.path("expr").asText(), contract)) {
                    problems.add(rule.path("alert").asText() + ": " + problem);
                }
            }
        }
        assertThat(count).isEqualTo(4);
        assertThat(problems).isEmpty();
    }
}
