package dev.limbic.bench;

import dev.limbic.cli.LimbicCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code limbic bench ingest} works end to end at a tiny scale: it starts each server as a child process,
 * streams frames to it, and reports its figures. A functional test of the bench tool; it asserts no speed.
 */
class BenchFleetTest {
    @Test
    void fleetReportsFiguresOfEveryTarget() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("bench", "ingest", "--mode", "fleet", "--streams", "20", "--rate", "5",
                "--warmup", "1", "--duration", "2", "--targets", "sink,gateway");

        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        String report = out.toString();
        assertThat(report).contains("--mode fleet: 20 streams at 5.00 Hz each");
        assertThat(report).containsPattern("(?m)^sink +[\\d,]+ +[\\d.]+ % +\\d+ MB");
        assertThat(report).containsPattern("(?m)^gateway +[\\d,]+ +[\\d.]+ % +\\d+ MB +[\\d.]+ % +([\\d.]+ ms|no data)$");
        assertThat(report).contains("goals: gateway CPU").contains("x the sink's");
        assertThat(report).doesNotContain("the server closed").doesNotContain("refused frames");
    }
}
