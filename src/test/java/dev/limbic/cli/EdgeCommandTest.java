package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code limbic edge} refuses to start without what it needs, saying what is missing. */
class EdgeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LimbicCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void withoutPairedStrapsItSaysHowToPairOne() throws Exception {
        Path config = Files.writeString(dir.resolve("limbic.yaml"), "data_dir: " + dir.resolve("data") + "\n");
        assertThat(run("edge", "--hub", "http://hub:8080", "--token", "t0123456789abcdef", "-c", config.toString()))
                .isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("limbic edge: no straps are paired on this box (limbic pair ADDRESS --responder ID)");
    }

    @Test
    void aHubThatIsNotAUrlIsNamed() {
        assertThat(run("edge", "--hub", "not a url", "--token", "t0123456789abcdef")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("limbic edge: --hub: 'not a url' is not a URL");
    }
}
