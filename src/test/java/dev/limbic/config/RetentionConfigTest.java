package dev.limbic.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How long Limbic keeps what it stores: {@code database.retention} and {@code care.episode_retention}. */
class RetentionConfigTest {
    private static LimbicConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse("limbic.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void resolvedIncidentsAreKept90DaysAndEpisodes30UnlessConfigured() throws ConfigException {
        LimbicConfig defaults = parse("{}");
        assertThat(defaults.database().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.care().episodeRetention()).isEqualTo(Duration.ofDays(30));

        LimbicConfig configured = parse("""
                database: {pool_size: 4, retention: 400d}
                care: {episode_retention: 7d}
                """);
        assertThat(configured.database().retention()).isEqualTo(Duration.ofDays(400));
        assertThat(configured.database().poolSize()).isEqualTo(4);
        assertThat(configured.care().episodeRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void retentionsOutOfBoundsOrNotDurationsAreNamed() {
        assertThat(problems("""
                database: {retention: 12h}
                care: {episode_retention: 20000d}
                """)).containsExactly(
                "limbic.yaml: database.retention: must be between 1d and 3650d",
                "limbic.yaml: care.episode_retention: must be at most 3650d");
        assertThat(problems("database: {retention: a year}")).containsExactly(
                "limbic.yaml: database.retention: 'a year' is not " + Durations.FORMAT_HINT);
    }
}
