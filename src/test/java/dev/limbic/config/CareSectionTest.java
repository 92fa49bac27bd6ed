package dev.limbic.config;

import dev.limbic.care.CareSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CareSectionTest {
    private static CareConfig care(String yaml) throws ConfigException {
        return ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8)).care();
    }

    private static java.util.List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8))).problems();
    }

    @Test
    void defaultsAreTheBoundsOfTheIssue() throws ConfigException {
        CareConfig config = care("care: {}");
        CareSettings care = config.settings();

        assertThat(config).isEqualTo(CareConfig.defaults());
        assertThat(care).isEqualTo(CareSettings.defaults());
        assertThat(care.breathingCycles()).isEqualTo(1);
        assertThat(care.breathingWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(care.holdMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(care.deferMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(care.partnerAfterAcute()).isEqualTo(Duration.ofMinutes(3));
        assertThat(care.partnerAfterOpenIncidents()).isEqualTo(3);
        assertThat(care.nightPagesPerWeek()).isEmpty();
        assertThat(care.nightStart()).isEqualTo(LocalTime.of(22, 0));
        assertThat(care.nightEnd()).isEqualTo(LocalTime.of(7, 0));
        assertThat(care.unknownGap()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.episodeRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void readsEveryKey() throws ConfigException {
        CareConfig care = care("""
                care:
                  breathing_cycles: 3
                  hold_max: 45s
                  defer_max: 5m
                  partner_after_acute: 90s
                  partner_after_open_incidents: 2
                  fatigue: {night_pages_per_week: 4}
                  night: {start: "23:30", end: "6:00"}
                  unknown_gap: 30s
                  episode_retention: 7d
                """);

        assertThat(care).isEqualTo(new CareConfig(new CareSettings(3, Duration.ofSeconds(45), Duration.ofMinutes(5),
                Duration.ofSeconds(90), 2, OptionalInt.of(4), LocalTime.of(23, 30), LocalTime.of(6, 0),
                Duration.ofSeconds(30)), Duration.ofDays(7)));
        assertThat(care.settings().breathingWindow()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void nightsMayOrMayNotSpanMidnight() throws ConfigException {
        CareSettings spanning = CareConfig.defaults().settings();
        assertThat(spanning.isNight(LocalTime.of(22, 0))).isTrue();
        assertThat(spanning.isNight(LocalTime.of(3, 0))).isTrue();
        assertThat(spanning.isNight(LocalTime.of(7, 0))).isFalse();
        assertThat(spanning.isNight(LocalTime.of(21, 59))).isFalse();

        CareSettings early = care("care: {night: {start: \"01:00\", end: \"05:00\"}}").settings();
        assertThat(early.isNight(LocalTime.of(0, 59))).isFalse();
        assertThat(early.isNight(LocalTime.of(1, 0))).isTrue();
        assertThat(early.isNight(LocalTime.of(5, 0))).isFalse();
    }

    @Test
    void reportsBoundsTypesAndUnknownKeys() {
        assertThat(problems("""
                care:
                  breathing_cycles: 4
                  hold_max: 20s
                  defer_max: 2h
                  partner_after_acute: 0s
                  partner_after_open_incidents: many
                  fatigue: {night_pages_per_wek: 3}
                  night: {start: "22:00", end: "22:00"}
                  unknown_gap: 2h
                  episode_retention: forever
                  breathing_cycle: 1
                """)).containsExactly(
                "limbic.yaml: care.hold_max: must be at least the breathing window (24s for 4 cycles)",
                "limbic.yaml: care.defer_max: must be at most 1h",
                "limbic.yaml: care.partner_after_acute: must be at least 1s",
                "limbic.yaml: care.partner_after_open_incidents: must be an integer between 1 and 1000",
                "limbic.yaml: care.fatigue.night_pages_per_wek: unknown key (did you mean 'night_pages_per_week'?)",
                "limbic.yaml: care.night.end: must differ from start",
                "limbic.yaml: care.unknown_gap: must be at most 1h",
                "limbic.yaml: care.episode_retention: 'forever' is not " + Durations.FORMAT_HINT,
                "limbic.yaml: care.breathing_cycle: unknown key (did you mean 'breathing_cycles'?)");
    }

    @Test
    void theLongestBreathingWindowStillFitsTheDefaultHold() throws ConfigException {
        CareSettings care = care("care: {breathing_cycles: 10}").settings();

        assertThat(care.breathingWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(care.holdMax()).isEqualTo(Duration.ofMinutes(1));
    }
}
