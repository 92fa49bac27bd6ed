package dev.limbic.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.limbic.alert.Router;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.schedule.Schedule;
import dev.limbic.stress.StressThresholds;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a Limbic YAML file into a {@link LimbicConfig}, or fails with every problem it has.
 *
 * <p>The file is read as a tree, then each top-level concept is read by its own section reader
 * ({@link ServerSection}, {@link RespondersSection}, {@link SchedulesSection}, {@link RoutesSection}, …), which asks for the keys it
 * knows; the keys nobody asked for are reported as unknown. Sections read later check their references to ids
 * read earlier (a policy's targets name responders and schedules, a route names a policy), so a new concept is
 * one more section reader and one more line in {@link #read}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigLoader() {
    }

    /** Loads the file at {@code file}; problems are prefixed with the path as given. */
    public static LimbicConfig load(Path file) throws ConfigException {
        return parse(file.toString(), read(file));
    }

    /** The bytes of {@code file}, or its problem ({@code FILE: no such file}). */
    static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    /** Loads a configuration from a stream (for example a class-path resource) named {@code name} in problems. */
    public static LimbicConfig load(String name, InputStream in) throws ConfigException {
        try (in) {
            return parse(name, in.readAllBytes());
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot be read: " + e.getMessage()));
        }
    }

    /** Parses YAML text named {@code name} in problems. */
    public static LimbicConfig parse(String name, byte[] yaml) throws ConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(name + ": " + where(e.getLocation()) + "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot be read: " + e.getMessage()));
        }
        ConfigProblems problems = new ConfigProblems(name);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = YAML.createObjectNode();
        } else if (!tree.isObject()) {
            throw new ConfigException(List.of(name + ": must be a mapping of keys to values at the top level"));
        }
        LimbicConfig config = read(new YamlObject(tree, "", problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.all());
        }
        return config;
    }

    private static LimbicConfig read(YamlObject root) {
        ServerConfig server = ServerSection.read(root);
        Path dataDir = DataDirSection.read(root);
        DatabaseConfig database = DatabaseSection.read(root);
        StressThresholds stress = StressSection.read(root);
        List<ResponderConfig> responders = RespondersSection.read(root, stress);
        Ids responderIds = Ids.of("responder", responders.stream().map(ResponderConfig::id).toList());
        List<TeamConfig> teams = TeamsSection.read(root, responderIds);
        Ids scheduleIds = new Ids("schedule");
        List<Schedule> schedules = SchedulesSection.read(root, responderIds, scheduleIds);
        Ids policyIds = new Ids("escalation policy");
        List<EscalationPolicy> policies = EscalationPoliciesSection.read(root, responderIds, scheduleIds, policyIds);
        Ids integrationNames = new Ids("integration");
        List<IntegrationConfig> integrations = IntegrationsSection.read(root, integrationNames);
        Optional<Router> router = RoutesSection.read(root, policyIds, integrationNames);
        CareConfig care = CareSection.read(root);
        root.rejectUnknownKeys();
        return new LimbicConfig(server, dataDir, database, stress, responders, teams, schedules, policies, router,
                integrations, care);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }
}
