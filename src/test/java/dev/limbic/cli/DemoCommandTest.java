package dev.limbic.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(90)
class DemoCommandTest {
    /**
     * The story at 30x speed. (Whether alex's escalation timer falls due inside his 30 s breathing window depends on
     * how fast this machine keeps the straps' 33 ms frames coming, so the timer's hold is checked by the end-to-end
     * story test with its hand-moved clock instead.)
     */
    @Test
    void theDemoTellsTheStory() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = LimbicCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("demo", "--port", "0", "--speed", "30", "--duration", "14");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("/metrics", "/health/live", "/health/ready")
                .containsPattern("alex: (CALM|ELEVATED) -> ACUTE")
                .doesNotContainPattern("sam: \\w+ -> (ELEVATED|ACUTE)")
                .contains("alex's phone: Take a breath: ", "Breathe in 2 s, hold 2 s, breathe out 2 s (5 cycles, 30 s)")
                .containsPattern("incident #2: Holding the page to alex until \\S+: alex is under (acute|elevated) stress")
                .contains("sam's phone: Join alex on 1: ", "alex's phone: sam is joining you: ")
                .containsPattern("incident #2: Hold on the page to alex ended");
        Matcher data = Pattern.compile("data +(\\S+) ").matcher(out.toString());
        assertThat(data.find()).as(out.toString()).isTrue();
        assertThat(Path.of(data.group(1))).as("the demo's data is removed when it stops").doesNotExist();
    }
}
