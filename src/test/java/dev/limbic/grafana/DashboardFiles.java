package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The dashboards in {@code grafana/dashboards}, by file name, and the panels and queries in them. */
record DashboardFiles(Map<String, JsonNode> byFile) {
    static final Path DIR = Path.of("grafana", "dashboards");

    /** A data panel (rows' nested panels included, rows themselves not), named for messages. */
    record PanelAt(String file, String where, JsonNode panel) {
    }

    /** One query of a panel, named for messages. */
    record QueryAt(String where, String expr) {
    }

    static DashboardFiles load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> byFile = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                byFile.put(file.getFileName().toString(), json.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DashboardFiles(byFile);
    }

    List<PanelAt> panels() {
        List<PanelAt> panels = new ArrayList<>();
        byFile.forEach((file, dashboard) -> {
            for (JsonNode panel : dashboard.path("panels")) {
                if (panel.path("type").asText().equals("row")) {
                    for (JsonNode nested : panel.path("panels")) {
                        panels.add(new PanelAt(file, file + " panel '" + nested.path("title").asText() + "'", nested));
                    }
                } else {
                    panels.add(new PanelAt(file, file + " panel '" + panel.path("title").asText() + "'", panel));
                }
            }
        });
        return panels;
    }

    List<QueryAt> queries() {
        List<QueryAt> queries = new ArrayList<>();
        for (PanelAt panel : panels()) {
            for (JsonNode target : panel.panel().path("targets")) {
                queries.add(new QueryAt(panel.where() + " query " + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }
}
