package dev.limbic.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
            "30s, PT30S",
            "5m, PT5M",
            "1h30m, PT1H30M",
            "30d, PT720H",
            "1d2h3m4s, PT26H3M4S",
            "250ms, PT0.25S",
            "1m30s500ms, PT1M30.5S",
            "0s, PT0S",
            "PT5M, PT5M",
            "pt10s, PT10S",
            "' 10 m ', PT10M",
    })
    void readsWhatPeopleWrite(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 minutes", "m", "5x", "-5m", "5m1h", "1.5h", "P5Q", "99999999999999999999d"})
    void rejectsTheRestNamingTheFormat(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"PT1H30M, 1h30m", "PT10S, 10s", "PT720H, 30d", "PT0S, 0s", "PT0.25S, 250ms"})
    void formatsTheShortestForm(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
        assertThat(Durations.parse(expected)).isEqualTo(Duration.parse(duration));
    }
}
