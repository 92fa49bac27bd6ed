package dev.limbic.config;

import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.firmware.FirmwareProfiles;
import dev.limbic.firmware.Quirk;
import dev.limbic.firmware.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped firmware profiles load, from the repository and from the jar's class path; broken ones are named. */
class FirmwareProfileLoaderTest {
    private static final Path SHIPPED = Path.of("firmware-profiles");

    @Test
    void everyShippedProfileLoads() throws Exception {
        try (var files = Files.list(SHIPPED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                FirmwareProfile profile = FirmwareProfileLoader.parse(file.getFileName().toString(), Files.readAllBytes(file));
                assertThat(profile.family()).as(file.toString()).isNotBlank();
            }
        }
        FirmwareProfiles profiles = FirmwareProfileLoader.loadDirectory(SHIPPED);
        assertThat(profiles.all()).hasSize(9);
        assertThat(profiles.generic().source()).isEqualTo("generic.yaml");
    }

    @Test
    void bundledProfilesAreTheShippedOnes() throws Exception {
        FirmwareProfiles bundled = FirmwareProfileLoader.loadBundled();
        assertThat(bundled.all()).extracting(FirmwareProfile::source)
                .containsExactlyElementsOf(FirmwareProfileLoader.loadDirectory(SHIPPED).all().stream()
                        .map(FirmwareProfile::source).toList());
    }

    @Test
    void shippedProfilesRecogniseTheirDevicesAndCarryTheirQuirks() throws Exception {
        FirmwareProfiles profiles = FirmwareProfileLoader.loadDirectory(SHIPPED);
        FirmwareProfile h10 = profiles.match("Polar H10 8C4D2A1F", Set.of(0x006B));
        assertThat(h10.family()).isEqualTo("Polar H10");
        assertThat(h10.manufacturerIds()).containsExactly(0x006B);
        assertThat(h10.quirk(Quirk.DiscardRrAfterConnect.class)).get()
                .extracting(Quirk.DiscardRrAfterConnect::window).isEqualTo(Duration.ofSeconds(10));
        assertThat(h10.quirk(Quirk.LinkDropsOffBody.class)).get()
                .extracting(Quirk.LinkDropsOffBody::after).isEqualTo(Duration.ofSeconds(45));

        assertThat(profiles.match("HRM-Dual:123456", Set.of()).quirk(Quirk.DropRrBelow.class)).get()
                .extracting(Quirk.DropRrBelow::millis).isEqualTo(250);
        FirmwareProfile sense = profiles.match("Polar Sense 0A1B2C3D", Set.of());
        assertThat(sense.sensor()).isEqualTo(SensorKind.OPTICAL);
        assertThat(sense.quirk(Quirk.ContactUnreliable.class)).isPresent();
        assertThat(profiles.match("TICKR X 1F2E", Set.of()).quirk(Quirk.EnergyStuck.class)).get()
                .extracting(Quirk.EnergyStuck::value).isEqualTo(0xFFFF);
        assertThat(profiles.match("Unknown strap", Set.of())).isSameAs(profiles.generic());
    }

    @Test
    void aBrokenProfileIsAnErrorNamingFileAndKey(@TempDir Path dir) throws Exception {
        Files.copy(SHIPPED.resolve("generic.yaml"), dir.resolve("generic.yaml"));
        Files.writeString(dir.resolve("broken.yaml"), """
                family: Broken
                match:
                  name_patterns: ["(unclosed"]
                  manufacturer_ids: [0x1FFFF]
                sensor: ecg
                offers:
                  rr_intervals: yes please
                  battery: true
                  body_sensor_location: chest
                  energy_expended: false
                  contact_detection: true
                quirks:
                  - id: discard_rr_after_connect
                  - id: energy_stuck
                    value: 70000
                  - id: make_it_better
                colour: red
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FirmwareProfileLoader.loadDirectory(dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "broken.yaml: match.name_patterns[0]: not a valid regular expression: Unclosed group",
                        "broken.yaml: match.manufacturer_ids[0]: must be a company identifier between 0x0000 and 0xFFFF",
                        "broken.yaml: sensor: unknown sensor 'ecg' (expected chest_ecg or optical)",
                        "broken.yaml: offers.rr_intervals: must be true or false",
                        "broken.yaml: quirks[0].seconds: missing (an integer between 1 and 3600)",
                        "broken.yaml: quirks[1].value: must be an integer between 0 and 65535",
                        "broken.yaml: quirks[2].id: unknown quirk 'make_it_better' (known: drop_rr_below, "
                                + "discard_rr_after_connect, contact_unreliable, energy_stuck, link_drops_off_body)",
                        "broken.yaml: colour: unknown key (known keys: family, match, sensor, offers, quirks)"));
    }

    @Test
    void theGenericFallbackIsRequired(@TempDir Path dir) throws Exception {
        Files.copy(SHIPPED.resolve("polar-h10.yaml"), dir.resolve("polar-h10.yaml"));
        assertThatThrownBy(() -> FirmwareProfileLoader.loadDirectory(dir))
                .hasMessageContaining("generic.yaml (the fallback profile) is missing");
    }
}
