package dev.limbic.config;

import dev.limbic.stress.StressThresholds;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {
    private static LimbicConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigException problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void anEmptyFileGetsEveryDefault() throws ConfigException {
        LimbicConfig config = parse("");

        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 8080));
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.stress()).isEqualTo(StressThresholds.defaults());
        assertThat(config.responders()).isEmpty();
    }

    @Test
    void readsAFullConfig() throws ConfigException {
        LimbicConfig config = parse("""
                server: {host: 127.0.0.1, port: 9090}
                data_dir: /var/lib/limbic
                stress:
                  acute_delta_bpm: 45
                  baseline_window_minutes: 30
                responders:
                  - id: alex
                    name: Alex Kim
                    timezone: Europe/Berlin
                    heart_rate_monitoring: true
                    resting_heart_rate_bpm: 58
                    devices:
                      - {id: alex-phone, token: 0123456789abcdef0123}
                  - id: sam
                    timezone: UTC
                """);

        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 9090));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/limbic"));
        assertThat(config.stress().acuteDeltaBpm()).isEqualTo(45);
        assertThat(config.stress().baselineWindowMinutes()).isEqualTo(30);
        assertThat(config.stress().elevatedDeltaBpm()).isEqualTo(StressThresholds.defaults().elevatedDeltaBpm());
        ResponderConfig alex = config.responders().get(0);
        assertThat(alex.name()).isEqualTo("Alex Kim");
        assertThat(alex.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(alex.heartRateMonitoring()).isTrue();
        assertThat(alex.devices()).singleElement().satisfies(device -> {
            assertThat(device.id()).isEqualTo("alex-phone");
            assertThat(device.token().matches("0123456789abcdef0123")).isTrue();
            assertThat(device.token().matches("0123456789abcdef0124")).isFalse();
        });
        assertThat(config.thresholdsFor("alex").restingHeartRateBpm()).isEqualTo(58);
        ResponderConfig sam = config.responders().get(1);
        assertThat(sam.name()).isEqualTo("sam");
        assertThat(sam.heartRateMonitoring()).as("heart-rate monitoring is opt-in").isFalse();
        assertThat(config.thresholdsFor("sam").restingHeartRateBpm()).isEqualTo(65);
        assertThat(config.thresholdsByResponder()).containsOnlyKeys("alex", "sam");
        assertThat(config.thresholdsByResponder().get("alex").restingHeartRateBpm()).isEqualTo(58);
    }

    @Test
    void reportsEveryProblemAtOnceWithFileAndPath() {
        ConfigException e = problems("""
                server:
                  port: 70000
                stress:
                  acute_delta_bpm: 10
                responders:
                  - id: Alex!
                    timezone: Mars/Olympus
                    devices:
                      - {id: phone, token: short}
                  - id: sam
                    timezone: UTC
                    heart_rate_monitoring: yes please
                    resting_heart_rate_bpm: 300
                    devices:
                      - {id: phone}
                """);

        assertThat(e.problems()).containsExactly(
                "limbic.yaml: server.port: must be an integer between 0 and 65535",
                "limbic.yaml: stress.acute_delta_bpm: must be greater than elevated_delta_bpm",
                "limbic.yaml: responders[0].id: must be made of a-z, 0-9, '_' and '-' (got 'Alex!')",
                "limbic.yaml: responders[0].timezone: 'Mars/Olympus' is not a time zone (use a region like Europe/Berlin, or UTC)",
                "limbic.yaml: responders[0].devices[0].token: must be at least 16 characters",
                "limbic.yaml: responders[1].heart_rate_monitoring: must be true or false",
                "limbic.yaml: responders[1].resting_heart_rate_bpm: must be between 30 and 120",
                "limbic.yaml: responders[1].devices[0].id: 'phone' is already the id of responders[0].devices[0]",
                "limbic.yaml: responders[1].devices[0].token: missing");
    }

    @Test
    void unknownKeysGetASuggestion() {
        ConfigException e = problems("""
                server: {prot: 8080}
                responder: []
                stress: {acute_delta: 40, zzzzzzzzzzzz: 1}
                """);

        assertThat(e.problems()).containsExactly(
                "limbic.yaml: server.prot: unknown key (did you mean 'port'?)",
                "limbic.yaml: stress.acute_delta: unknown key (did you mean 'acute_delta_bpm'?)",
                "limbic.yaml: stress.zzzzzzzzzzzz: unknown key (known keys: resting_heart_rate_bpm, elevated_delta_bpm, "
                        + "acute_delta_bpm, elevated_sustain_seconds, acute_sustain_seconds, stale_after_seconds, warm_up_seconds, "
                        + "recover_seconds, hysteresis_bpm, baseline_window_minutes, baseline_thaw_minutes, smoothing_seconds)",
                "limbic.yaml: responder: unknown key (did you mean 'responders'?)");
    }

    @Test
    void responderIdsDeviceIdsAndTokensAreUnique() {
        ConfigException e = problems("""
                responders:
                  - id: alex
                    timezone: UTC
                    devices: [{id: a, token: same-token-for-two}]
                  - id: alex
                    timezone: UTC
                    devices: [{id: b, token: same-token-for-two}]
                """);

        assertThat(e.problems()).containsExactly(
                "limbic.yaml: responders[1].id: 'alex' is already the id of responders[0]",
                "limbic.yaml: responders[1].devices[0].token: is the same as the token of responders[0].devices[0] (each device needs its own)");
    }

    @Test
    void malformedYamlNamesTheLine() {
        ConfigException e = problems("server:\n  port: 1\n  port: 2\n");

        assertThat(e.problems()).singleElement().asString()
                .startsWith("limbic.yaml: line 3, column")
                .contains("not valid YAML")
                .contains("port");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no-such-limbic.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no-such-limbic.yaml: no such file");
    }

    @Test
    void theTokenIsNotKeptInMemory() throws ConfigException {
        LimbicConfig config = parse("""
                responders:
                  - {id: alex, timezone: UTC, devices: [{id: a, token: a-very-secret-token}]}
                """);

        assertThat(config.toString()).doesNotContain("a-very-secret-token");
    }
}
