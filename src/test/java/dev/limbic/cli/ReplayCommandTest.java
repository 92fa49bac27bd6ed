package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** 1 Hz heart rate: 70 bpm for ten minutes, then 130 bpm for a minute, with an ignored note column. */
    private Path spikeAt600() throws IOException {
        StringBuilder csv = new StringBuilder("t,hr_bpm,note\n");
        for (int s = 0; s < 660; s++) {
            csv.append(s).append(',').append(s < 600 ? 70 + s % 3 : 130).append(",x\n");
        }
        return file("spike.csv", csv.toString());
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void printsOneJsonLinePerStateChangeOnTheFilesClock() throws IOException {
        assertThat(run("replay", spikeAt600().toString())).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"t\": 10, \"state\": \"CALM\", \"hr_bpm\": 7")
                .contains("\"baseline_bpm\": 65.0, \"reason\": \"judged after warm-up:");
        assertThat(lines.get(1)).matches("\\{\"t\": 6[0-4]\\d, \"state\": \"ACUTE\", \"hr_bpm\": 1[0-3]\\d\\.\\d, "
                + "\"baseline_bpm\": 7\\d\\.\\d, \"reason\": \"HR \\d+ bpm, \\+\\d+ over personal baseline 7\\d for 1\\d s\"}");
        assertThat(err.toString()).contains("660 rows");
    }

    @Test
    void readsBeatIntervalsFromRrOrIbiColumns() throws IOException {
        for (String header : List.of("beat_time_s,rr_ms", "participant,unix_time_s,ibi_ms")) {
            StringBuilder csv = new StringBuilder(header).append('\n');
            double t = 1_644_227_583;
            for (int beat = 0; beat < 400; beat++) {
                double rr = 857 + 20 * Math.sin(beat / 2.0);
                t += rr / 1000;
                csv.append(header.startsWith("participant") ? "2," : "")
                        .append(String.format(Locale.ROOT, "%.4f,%.1f%n", t, rr));
            }
            out.getBuffer().setLength(0);
            assertThat(run("replay", file("beats.csv", csv.toString()).toString())).as(header).isZero();
            assertThat(lines()).as(header).hasSize(1);
            assertThat(lines().get(0)).as(header).startsWith("{\"t\": 16442275").contains("\"state\": \"CALM\"");
        }
    }

    @Test
    void aBadRowIsAnErrorNamingItsLine() throws IOException {
        Path bad = file("bad.csv", "t,hr_bpm\n0,70\n1,71\n2,72\n3,abc\n4,70\n");

        assertThat(run("replay", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.csv: line 5: hr_bpm is not a number: 'abc'");
    }

    @Test
    void rowsWithTooFewCellsOrTimeGoingBackwardsAreErrors() throws IOException {
        assertThat(run("replay", file("short.csv", "t,note,hr_bpm\n0,a,70\n1,b\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 3: has 2 cells, the header needs at least 3");

        assertThat(run("replay", file("back.csv", "t,hr_bpm\n5,70\n4,70\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 3: time 4 goes backwards (previous row: 5)");
    }

    @Test
    void aHeaderWithoutTimeOrHeartRateIsAnErrorOnLineOne() throws IOException {
        assertThat(run("replay", file("notime.csv", "seconds,hr_bpm\n0,70\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 1: no time column in the header (expected one of t, unix_time_s, beat_time_s)");

        assertThat(run("replay", file("nohr.csv", "t,speed\n0,70\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 1: no heart-rate column");
    }

    @Test
    void aMissingFileIsAnError() {
        assertThat(run("replay", dir.resolve("absent.csv").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read").contains("absent.csv");
    }

    @Test
    void pageAtPrintsTheVerdictOnTheReaction() throws IOException {
        assertThat(run("replay", spikeAt600().toString(), "--page-at", "590", "--page-at", "300")).isZero();

        List<String> pages = lines().stream().filter(line -> line.startsWith("{\"page_at\"")).toList();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).startsWith("{\"page_at\": 300, \"verdict\": \"NO_REACTION\", \"before_median_bpm\": 7");
        assertThat(pages.get(1)).startsWith("{\"page_at\": 590, \"verdict\": \"REACTION\", \"before_median_bpm\": 7")
                .contains("\"reaction_t\": 6");
    }

    @Test
    void plotsPngAndSvg() throws IOException {
        Path png = dir.resolve("spike.png");
        Path svg = dir.resolve("spike.svg");
        assertThat(run("replay", spikeAt600().toString(), "--plot", png.toString(), "--page-at", "590")).isZero();
        assertThat(run("replay", spikeAt600().toString(), "--plot", svg.toString())).isZero();

        try (InputStream in = Files.newInputStream(png)) {
            assertThat(in.readNBytes(4)).containsExactly(0x89, 'P', 'N', 'G');
        }
        assertThat(Files.readString(svg)).contains("<svg").contains("heart rate");
    }

    @Test
    void badOptionsAreErrorsNamingTheProblem() throws IOException {
        Path spike = spikeAt600();
        assertThat(run("replay", spike.toString(), "--plot", dir.resolve("x.txt").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--plot must name a .png or .svg file");

        assertThat(run("replay", spike.toString(), "--acute-delta", "10")).isEqualTo(1);
        assertThat(err.toString()).contains("bad threshold: acute_delta_bpm must be greater than elevated_delta_bpm");
    }

    @Test
    void replaysTheRealDayWithoutAcute() throws IOException {
        Path day = dir.resolve("nsr001_rr.csv");
        try (InputStream in = ReplayCommandTest.class.getResourceAsStream("/recordings/nsr001_rr.csv")) {
            assertThat(in).isNotNull();
            Files.copy(in, day);
        }

        assertThat(run("replay", day.toString())).isZero();

        assertThat(lines()).isNotEmpty().noneMatch(line -> line.contains("\"ACUTE\""));
        assertThat(err.toString()).contains("106459 rows");
    }

    @Test
    void helpListsReplayAndItsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("replay").contains("recording");

        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("--plot").contains("--page-at").contains("--resting-hr")
                .contains("unix_time_s");
    }
}
