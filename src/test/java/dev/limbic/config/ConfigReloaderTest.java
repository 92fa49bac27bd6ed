package dev.limbic.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigReloaderTest {
    private static final String ONE = "responders: [{id: alex, timezone: UTC}]\n";
    private static final String TWO = "responders: [{id: alex, timezone: UTC}, {id: sam, timezone: UTC}]\n";
    private static final String BROKEN = "responders: [{id: alex, timezone: Mars/Olympus}]\nescalation_policies: [{id: p}]\n";

    @TempDir
    Path dir;

    private final List<LimbicConfig> accepted = new ArrayList<>();
    private final List<List<String>> rejected = new ArrayList<>();

    private ConfigReloader reloader(Path file) throws ConfigException {
        ConfigReloader reloader = ConfigReloader.load(file);
        reloader.onReload(accepted::add);
        reloader.onRejected(rejected::add);
        return reloader;
    }

    @Test
    void aChangedGoodFileIsHandedToTheListeners() throws Exception {
        Path file = write("limbic.yaml", ONE);
        ConfigReloader reloader = reloader(file);
        assertThat(reloader.current().responders()).hasSize(1);

        assertThat(reloader.checkForChange()).as("nothing changed yet").isFalse();
        Files.writeString(file, TWO);

        assertThat(reloader.checkForChange()).isTrue();
        assertThat(reloader.current().responders()).extracting(ResponderConfig::id).containsExactly("alex", "sam");
        assertThat(accepted).containsExactly(reloader.current());
        assertThat(rejected).isEmpty();
        assertThat(reloader.checkForChange()).as("the same content again").isFalse();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void aBrokenFileIsRejectedOnceWithEveryProblemAndTheOldConfigStays() throws Exception {
        Path file = write("limbic.yaml", ONE);
        ConfigReloader reloader = reloader(file);
        LimbicConfig old = reloader.current();

        Files.writeString(file, BROKEN);

        assertThat(reloader.checkForChange()).isFalse();
        assertThat(reloader.current()).isSameAs(old);
        assertThat(accepted).isEmpty();
        assertThat(rejected).containsExactly(List.of(
                file + ": responders[0].timezone: 'Mars/Olympus' is not a time zone (use a region like Europe/Berlin, or UTC)",
                file + ": escalation_policies[0].steps: missing (a policy needs at least one step)",
                file + ": default_policy: missing (the policy for alerts that match no route; one of: p)"));
        assertThat(reloader.checkForChange()).as("polling the same broken file again").isFalse();
        assertThat(rejected).hasSize(1);

        Files.writeString(file, TWO);
        assertThat(reloader.checkForChange()).as("fixed").isTrue();
        assertThat(reloader.current().responders()).hasSize(2);
    }

    @Test
    void aVanishedFileIsRejectedAndItsReturnIsLoaded() throws Exception {
        Path file = write("limbic.yaml", ONE);
        ConfigReloader reloader = reloader(file);
        LimbicConfig old = reloader.current();

        Files.delete(file);
        assertThat(reloader.checkForChange()).isFalse();
        assertThat(rejected).containsExactly(List.of(file + ": no such file"));
        assertThat(reloader.current()).isSameAs(old);

        Files.writeString(file, ONE);
        assertThat(reloader.checkForChange()).isTrue();
        assertThat(accepted).containsExactly(old);
    }

    @Test
    void reloadLoadsEvenAnUnchangedFileAsSighupDoes() throws Exception {
        Path file = write("limbic.yaml", ONE);
        ConfigReloader reloader = reloader(file);

        assertThat(reloader.reload()).isTrue();
        assertThat(accepted).hasSize(1);

        Files.writeString(file, BROKEN);
        assertThat(reloader.reload()).isFalse();
        assertThat(rejected).hasSize(1);
        assertThat(reloader.current().responders()).hasSize(1);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
        Path file = write("limbic.yaml", ONE);
        ConfigReloader reloader = ConfigReloader.load(file);
        reloader.onReload(config -> {
            throw new IllegalStateException("listener bug");
        });
        reloader.onReload(accepted::add);

        Files.writeString(file, TWO);

        assertThat(reloader.checkForChange()).isTrue();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void theFirstLoadFailsWithEveryProblem() throws Exception {
        Path file = write("limbic.yaml", BROKEN);

        assertThatThrownBy(() -> ConfigReloader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Mars/Olympus")
                .hasMessageContaining("default_policy");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
