package dev.limbic.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.firmware.FirmwareProfiles;
import dev.limbic.firmware.Offers;
import dev.limbic.firmware.Quirk;
import dev.limbic.firmware.SensorKind;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads firmware profiles ({@code firmware-profiles/*.yaml}, one device family per file) into {@link FirmwareProfiles},
 * validating every file: a broken profile fails the load with problems naming the file and the key
 * ({@code polar-h10.yaml: quirks[0].seconds: must be an integer between 1 and 3600}). {@code generic.yaml} is the
 * fallback and must exist; the others are matched in file-name order.
 */
public final class FirmwareProfileLoader {
    /** The class-path folder the build bundles the repository's {@code firmware-profiles/} into. */
    public static final String BUNDLED = "firmware-profiles";
    /** The file of the fallback profile. */
    public static final String GENERIC = "generic.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> LOCATIONS =
            Set.of("none", "other", "chest", "wrist", "finger", "hand", "ear_lobe", "foot");

    private FirmwareProfileLoader() {
    }

    /** The profiles bundled into Limbic's jar. */
    public static FirmwareProfiles loadBundled() throws ConfigException {
        URL generic = FirmwareProfileLoader.class.getClassLoader().getResource(BUNDLED + "/" + GENERIC);
        if (generic == null) {
            throw new ConfigException(List.of(BUNDLED + "/" + GENERIC + ": not bundled on the class path"));
        }
        try {
            URI uri = generic.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = jarFileSystem(uri)) {
                    return loadDirectory(jar.provider().getPath(uri).getParent());
                }
            }
            return loadDirectory(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new ConfigException(List.of(BUNDLED + ": cannot be read: " + e.getMessage()));
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            FileSystems.getFileSystem(uri);
            throw new IOException("the jar file system of " + uri + " is already open");
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }

    /** Every {@code *.yaml} profile of {@code directory}. */
    public static FirmwareProfiles loadDirectory(Path directory) throws ConfigException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(directory + ": cannot be listed: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<FirmwareProfile> specific = new ArrayList<>();
        FirmwareProfile generic = null;
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                FirmwareProfile profile = parse(name, Files.readAllBytes(file));
                if (name.equals(GENERIC)) {
                    generic = profile;
                } else {
                    specific.add(profile);
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(name + ": cannot be read: " + e.getMessage());
            }
        }
        if (generic == null && problems.isEmpty()) {
            problems.add(directory + ": " + GENERIC + " (the fallback profile) is missing");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new FirmwareProfiles(specific, generic);
    }

    /** Parses one profile named {@code name} in problems. */
    public static FirmwareProfile parse(String name, byte[] yaml) throws ConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(name + ": not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot be read: " + e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(List.of(name + ": must be a mapping of keys to values at the top level"));
        }
        ConfigProblems problems = new ConfigProblems(name);
        YamlObject root = new YamlObject(tree, "", problems);
        String family = root.requiredString("family");
        List<Pattern> patterns = new ArrayList<>();
        Set<Integer> manufacturerIds = new LinkedHashSet<>();
        YamlObject match = root.object("match").orElse(null);
        if (match == null) {
            root.problem("match", "missing");
        } else {
            for (YamlObject.Element element : match.strings("name_patterns")) {
                try {
                    patterns.add(Pattern.compile(element.text()));
                } catch (PatternSyntaxException e) {
                    problems.at(element.path(), "not a valid regular expression: " + e.getDescription());
                }
            }
            if (patterns.isEmpty() && !match.has("name_patterns")) {
                match.problem("name_patterns", "missing (a list of regular expressions)");
            } else if (match.isEmptyList("name_patterns")) {
                match.problem("name_patterns", "must name at least one pattern");
            }
            for (YamlObject.Element element : match.elements("manufacturer_ids")) {
                Integer id = companyId(element.text());
                if (id == null) {
                    problems.at(element.path(), "must be a company identifier between 0x0000 and 0xFFFF");
                } else {
                    manufacturerIds.add(id);
                }
            }
            match.rejectUnknownKeys();
        }
        SensorKind sensor = SensorKind.CHEST_ECG;
        String sensorKey = root.requiredString("sensor");
        if (sensorKey != null) {
            try {
                sensor = SensorKind.fromKey(sensorKey);
            } catch (IllegalArgumentException e) {
                root.problem("sensor", e.getMessage());
            }
        }
        Offers offers = offers(root);
        List<Quirk> quirks = new ArrayList<>();
        for (YamlObject.Item item : root.objects("quirks")) {
            Quirk quirk = quirk(item.object());
            if (quirk != null) {
                quirks.add(quirk);
            }
        }
        root.rejectUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.all());
        }
        return new FirmwareProfile(name, family, patterns, manufacturerIds, sensor, offers, quirks);
    }

    private static Offers offers(YamlObject root) {
        YamlObject offers = root.object("offers").orElse(null);
        if (offers == null) {
            root.problem("offers", "missing");
            return new Offers(false, false, "none", false, false);
        }
        boolean rr = required(offers, "rr_intervals");
        boolean battery = required(offers, "battery");
        String location = offers.requiredString("body_sensor_location");
        if (location != null && !LOCATIONS.contains(location)) {
            offers.problem("body_sensor_location", "must be one of " + new java.util.TreeSet<>(LOCATIONS));
        }
        boolean energy = required(offers, "energy_expended");
        boolean contact = required(offers, "contact_detection");
        offers.rejectUnknownKeys();
        return new Offers(rr, battery, location == null ? "none" : location, energy, contact);
    }

    private static boolean required(YamlObject object, String key) {
        if (!object.has(key)) {
            object.problem(key, "missing (true or false)");
        }
        return object.bool(key, false);
    }

    private static Quirk quirk(YamlObject q) {
        String id = q.requiredString("id");
        q.string("description", "");
        Quirk quirk = null;
        if (id != null) {
            switch (id) {
                case Quirk.DropRrBelow.ID -> quirk = new Quirk.DropRrBelow(requiredInt(q, "ms", 1, 2000));
                case Quirk.DiscardRrAfterConnect.ID ->
                        quirk = new Quirk.DiscardRrAfterConnect(Duration.ofSeconds(requiredInt(q, "seconds", 1, 3600)));
                case Quirk.ContactUnreliable.ID -> quirk = new Quirk.ContactUnreliable();
                case Quirk.EnergyStuck.ID -> quirk = new Quirk.EnergyStuck(requiredInt(q, "value", 0, 0xFFFF));
                case Quirk.LinkDropsOffBody.ID ->
                        quirk = new Quirk.LinkDropsOffBody(Duration.ofSeconds(requiredInt(q, "seconds", 1, 3600)));
                default -> q.problem("id", "unknown quirk '" + id + "' (known: " + String.join(", ",
                        Quirk.DropRrBelow.ID, Quirk.DiscardRrAfterConnect.ID, Quirk.ContactUnreliable.ID,
                        Quirk.EnergyStuck.ID, Quirk.LinkDropsOffBody.ID) + ")");
            }
        }
        q.rejectUnknownKeys();
        return quirk;
    }

    /** A required integer in {@code [min, max]}; reported and {@code min} when missing or out of range. */
    private static int requiredInt(YamlObject q, String key, int min, int max) {
        if (!q.has(key)) {
            q.problem(key, "missing (an integer between " + min + " and " + max + ")");
            return min;
        }
        return q.integer(key, min, min, max);
    }

    /** A company identifier written as a YAML integer (hex {@code 0x006B} or decimal), or {@code null}. */
    private static Integer companyId(String text) {
        if (text == null) {
            return null;
        }
        try {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            int id = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            return id >= 0 && id <= 0xFFFF ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
