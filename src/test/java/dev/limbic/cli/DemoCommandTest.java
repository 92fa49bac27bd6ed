package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class DemoCommandTest {
    @Test
    void samGoesAcuteWhileAlexStaysCalm() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = LimbicCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("demo", "--port", "0", "--speed", "30", "--duration", "7");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("/metrics", "/health/live", "/health/ready")
                .containsPattern("sam: (CALM|ELEVATED) -> ACUTE")
                .doesNotContainPattern("alex: \\w+ -> (ELEVATED|ACUTE)");
    }
}
