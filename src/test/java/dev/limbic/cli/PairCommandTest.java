package dev.limbic.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code limbic pair} and {@code limbic unpair} keep pairings in the data directory, across runs. */
class PairCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve("limbic.yaml"), """
                data_dir: %s
                responders:
                  - {id: alex, timezone: UTC, heart_rate_monitoring: true}
                  - {id: sam, timezone: UTC}
                """.formatted(dir.resolve("data")));
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void pairingIsStoredAndUnpairingForgetsIt() throws Exception {
        assertThat(run("pair", "c0:ff:ee:00:00:01", "--responder", "alex", "-c", config.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("paired C0:FF:EE:00:00:01 to responder alex");
        assertThat(Files.readString(dir.resolve("data/pairings.json")))
                .contains("\"address\" : \"C0:FF:EE:00:00:01\"", "\"responder\" : \"alex\"", "\"paired_at\"");

        assertThat(run("unpair", "C0:FF:EE:00:00:01", "-c", config.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("unpaired C0:FF:EE:00:00:01");
        assertThat(run("unpair", "C0:FF:EE:00:00:01", "-c", config.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("limbic unpair: C0:FF:EE:00:00:01 is not paired");
    }

    @Test
    void badInputIsNamed() {
        assertThat(run("pair", "not-an-address", "--responder", "alex", "-c", config.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("limbic pair: 'not-an-address' is not a Bluetooth address (expected AA:BB:CC:DD:EE:FF)");

        assertThat(run("pair", "C0:FF:EE:00:00:01", "--responder", "robin", "-c", config.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("limbic pair: --responder: no responder 'robin' in " + config);

        assertThat(run("pair", "C0:FF:EE:00:00:01", "--responder", "sam", "-c", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'sam' has not opted in to heart-rate monitoring");
        assertThat(Files.exists(dir.resolve("data/pairings.json"))).isFalse();
    }
}
