package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsOneJsonObjectForHexWithSpaces() {
        assertThat(run("decode", "16 84 00 04")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("{\"hr_bpm\": 132, \"contact\": \"detected\", \"energy_kj\": null, \"rr_ms\": [1000.0]}");
    }

    @Test
    void acceptsHexWithoutSpacesAndAsSeparateArguments() {
        assertThat(run("decode", "16840004")).isZero();
        assertThat(run("decode", "16", "84", "00", "04")).isZero();
        assertThat(out.toString().lines()).hasSize(2).allMatch(line -> line.contains("\"hr_bpm\": 132"));
    }

    @Test
    void printsEnergyAndEveryRrIntervalOldestFirst() {
        assertThat(run("decode", "1c 48 10 00 00 04 00 02")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("{\"hr_bpm\": 72, \"contact\": \"lost\", \"energy_kj\": 16, \"rr_ms\": [1000.0, 500.0]}");
    }

    @Test
    void printsUnsupportedContactAndAnEmptyRrList() {
        assertThat(run("decode", "01 48 01")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("{\"hr_bpm\": 328, \"contact\": \"unsupported\", \"energy_kj\": null, \"rr_ms\": []}");
    }

    @Test
    void rejectsAMalformedValueNamingTheProblem() {
        assertThat(run("decode", "18 48 10 00 55")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("RR-interval field ends in a lone byte");
    }

    @Test
    void rejectsATruncatedEnergyField() {
        assertThat(run("decode", "08 48 10")).isEqualTo(1);
        assertThat(err.toString()).contains("energy-expended field is truncated");
    }

    @Test
    void rejectsSomethingThatIsNotHex() {
        assertThat(run("decode", "zz")).isEqualTo(1);
        assertThat(err.toString()).contains("not a hex value");
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("decode").contains("Heart Rate Measurement");
    }
}
