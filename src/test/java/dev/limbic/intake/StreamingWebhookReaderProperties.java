package dev.limbic.intake;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any regular webhook (strings where Alertmanager sends strings, each name once, anything else anywhere else,
 * numbers and strings written in every JSON form), the streaming pass reads it and gives what the tree parser gives.
 */
class StreamingWebhookReaderProperties {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Integration INTEGRATION = Integration.withSecret("am", IntakeFormat.ALERTMANAGER, "s",
            DedupMode.ALERT, Severity.WARNING);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "1.50", "98.5", "1e3", "1E-7", "-1.5e+2", "0.0",
            "12345678901234567890", "2147483648", "9223372036854775808", "1e400", "44.23943737541908", "0.1"};
    private static final String[] NAMES = {"alertname", "instance", "job", "severity", "summary", "description",
            "message", "startsAt", "endsAt", "generatorURL", "values", "receiver", "groupKey", "externalURL", "orgId",
            "valueString", "x"};

    @Property(tries = 300)
    void theStreamingPassGivesWhatTheTreeGives(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] body = webhook(random).getBytes(StandardCharsets.UTF_8);

        List<AlertEvent> streamed = StreamingWebhookReader.read(body, "4", INTEGRATION, NOW);

        assertThat(streamed).as(new String(body, StandardCharsets.UTF_8)).isNotNull()
                .isEqualTo(AlertmanagerWebhookParser.alertmanager().parse(MAPPER.readTree(body), INTEGRATION, NOW));
    }

    private static String webhook(Random random) {
        List<String> fields = new ArrayList<>();
        maybe(random, fields, "receiver", () -> nullOr(random, string(random)));
        maybe(random, fields, "status", () -> random.nextBoolean() ? "\"firing\"" : "\"resolved\"");
        maybe(random, fields, "version", () -> nullOr(random, "\"4\""));
        maybe(random, fields, "groupKey", () -> nullOr(random, string(random)));
        maybe(random, fields, "externalURL", () -> value(random, 2));
        maybe(random, fields, "orgId", () -> value(random, 2));
        maybe(random, fields, "commonLabels", () -> nullOr(random, strings(random, false)));
        maybe(random, fields, "truncatedAlerts", () -> value(random, 1));
        List<String> alerts = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            alerts.add(alert(random));
        }
        fields.add(random.nextInt(fields.size() + 1), "\"alerts\":[" + String.join(",", alerts) + "]");
        return "{" + String.join(",", fields) + "}";
    }

    private static String alert(Random random) {
        List<String> fields = new ArrayList<>();
        fields.add("\"status\":" + (random.nextBoolean() ? "\"firing\"" : "\"resolved\""));
        fields.add("\"labels\":" + strings(random, true));
        maybe(random, fields, "annotations", () -> nullOr(random, strings(random, true)));
        maybe(random, fields, "fingerprint", () -> nullOr(random, string(random)));
        List<String> names = new ArrayList<>(List.of(NAMES));
        for (int i = random.nextInt(6); i > 0; i--) {
            String name = names.remove(random.nextInt(names.size()));
            fields.add(random.nextInt(fields.size() + 1), quoted(name, random) + ":" + value(random, 3));
        }
        return "{" + String.join(",", fields) + "}";
    }

    /** An object of strings (some null), each name once. */
    private static String strings(Random random, boolean alertNames) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        List<String> entries = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            String name = alertNames && random.nextInt(4) > 0 ? names.remove(random.nextInt(names.size()))
                    : "n" + i + text(random);
            entries.add(quoted(name, random) + ":" + (random.nextInt(8) == 0 ? "null" : string(random)));
        }
        return "{" + String.join(",", entries) + "}";
    }

    /** Any JSON value, up to {@code depth} levels deep. */
    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0, 1 -> string(random);
            case 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 3 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> random.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            case 6 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(random, depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> entries = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    entries.add(quoted("k" + i, random) + ":" + value(random, depth - 1));
                }
                yield "{" + String.join(",", entries) + "}";
            }
        };
    }

    private static void maybe(Random random, List<String> fields, String name, java.util.function.Supplier<String> value) {
        if (random.nextInt(4) > 0) {
            fields.add("\"" + name + "\":" + value.get());
        }
    }

    private static String nullOr(Random random, String value) {
        return random.nextInt(6) == 0 ? "null" : value;
    }

    private static String string(Random random) {
        return quoted(text(random), random);
    }

    /** A JSON string of {@code text}, some characters escaped as \\uXXXX or \\/ though they need not be. */
    private static String quoted(String text, Random random) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            int choice = random.nextInt(10);
            if (choice == 0) {
                json.append(String.format("\\u%04x", (int) c));
            } else if (choice == 1 && c == '/') {
                json.append("\\/");
            } else {
                JsonStringEncoder.getInstance().quoteAsString(String.valueOf(c), json);
            }
        }
        return json.append('"').toString();
    }

    private static String text(Random random) {
        String alphabet = "aZ09 -_:/.\"\\\t\n\u0001\u0000é€🚨{}[],";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
