package dev.limbic.cli;

import dev.limbic.testing.FakeBluez;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code limbic scan} against the fake BlueZ: nearby heart-rate devices with their firmware profile. */
class ScanCommandOnFakeBluezTest {
    @Test
    void scanListsStrapsWithSignalAndProfile() throws Exception {
        try (FakeBluez bluez = FakeBluez.start()) {
            bluez.addStrap("C0:FF:EE:00:00:01", "Polar H10 1A2B3C4D", -58, 0x006B);
            bluez.addStrap("C0:FF:EE:00:00:03", "HRM-Dual:123456", -80, 0x0087);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = LimbicCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            assertThat(cli.execute("scan", "--seconds", "1")).as(err.toString()).isZero();

            assertThat(out.toString().lines()).containsExactly(
                    "ADDRESS             RSSI  NAME                          PROFILE",
                    "C0:FF:EE:00:00:01    -58  Polar H10 1A2B3C4D            Polar H10",
                    "C0:FF:EE:00:00:03    -80  HRM-Dual:123456               Garmin HRM-Dual",
                    "2 heart-rate devices found");
        }
    }
}
