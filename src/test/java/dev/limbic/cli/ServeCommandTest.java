package dev.limbic.cli;

import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return LimbicCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @Test
    void aBadConfigPrintsEveryProblemAndExits2(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("limbic.yaml");
        Files.writeString(config, """
                server: {prot: 8080}
                responders:
                  - {id: alex, timezone: UTC, devices: [{id: phone, token: short}]}
                """);

        int status = cli().execute("serve", "--config", config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains(
                config + ": server.prot: unknown key (did you mean 'port'?)",
                config + ": responders[0].devices[0].token: must be at least 16 characters",
                "not starting");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingConfigExits2() {
        int status = cli().execute("serve", "--config", "no-such-file.yaml");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-file.yaml: no such file");
    }

    @Test
    void servesAGoodConfigUntilStopped(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("limbic.yaml");
        Files.writeString(config, "server: {host: 127.0.0.1, port: 0}\n");
        AtomicInteger status = new AtomicInteger(-1);
        Thread serve = new Thread(() -> status.set(cli().execute("serve", "--config", config.toString())), "serve");
        serve.start();

        Matcher listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher("");
        Await.until(() -> assertThat(listening.reset(out.toString()).find()).isTrue());
        Vertx client = Vertx.vertx();
        try {
            HttpProbe http = new HttpProbe(client, Integer.parseInt(listening.group(1)));
            assertThat(http.get("/health/ready").status()).isEqualTo(200);
        } finally {
            Await.result(client.close());
        }

        serve.interrupt();
        serve.join(15_000);
        assertThat(status.get()).isZero();
    }
}
