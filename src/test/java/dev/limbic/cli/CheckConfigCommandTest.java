package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckConfigCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aGoodFilePrintsASummaryAndExitsZero() throws IOException {
        Path file = Files.writeString(dir.resolve("limbic.yaml"), """
                responders: [{id: alex, timezone: UTC}, {id: sam, timezone: UTC}]
                escalation_policies: [{id: default, steps: [{delay: 5m, targets: [responder:alex]}]}]
                default_policy: default
                """);

        assertThat(run("check-config", file.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo(file + ": ok (2 responders, 0 teams, 0 schedules, 1 policy, "
                + "0 routes, 0 integrations, database embedded)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBrokenFilePrintsEveryProblemAndExitsOne() throws IOException {
        Path file = Files.writeString(dir.resolve("limbic.yaml"), """
                responders: [{id: alex, timezone: UTC}]
                escalation_policies: [{id: default, steps: [{delay: 5 minutes, targets: [schedule:primary]}]}]
                default_policy: default
                """);

        assertThat(run("check-config", file.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                file + ": escalation_policies[0].steps[0].delay: '5 minutes' is not a duration like 30s, 5m, 1h30m or 30d",
                file + ": escalation_policies[0].steps[0].targets[0]: no schedule 'primary' (none is configured)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(run("check-config", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(dir.resolve("nope.yaml") + ": no such file");
    }
}
