package dev.limbic.cli;

import dev.limbic.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code limbic demo}: the gateway with a built-in config and two simulated straps streaming to it. */
@Command(name = "demo",
        description = "Run the gateway with a built-in config, simulated straps and the story Limbic exists for: a demo"
                + " alert pages alex, his heart rate climbs from 70 to 132 bpm, he gets a breathing prompt while his"
                + " escalation timer waits, a warning alert is held until he calms down, and his partner sam is asked"
                + " to join after a minute of acute stress.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "FACTOR",
            description = "Run time this many times faster (default: ${DEFAULT-VALUE}, real time).")
    double speed;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop after this many (real) seconds (default: run until stopped with Ctrl-C).")
    Long durationSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(speed > 0) || port < 0 || port > 65535 || durationSeconds != null && durationSeconds <= 0) {
            err.println("limbic demo: --speed and --duration must be positive, --port between 0 and 65535");
            return 2;
        }
        Demo demo;
        try {
            demo = Running.started(Demo.start(port, speed, out));
        } catch (Exception e) {
            err.println("limbic demo: cannot start: " + e.getMessage());
            return 1;
        }
        String base = "http://localhost:" + demo.port();
        out.println("Limbic demo running" + (speed == 1 ? "" : " at " + speed + "x speed") + ". Look at:");
        out.println("  metrics       " + base + "/metrics   (try: curl -s " + base + "/metrics | grep ^limbic_)");
        out.println("  health        " + base + "/health/live  " + base + "/health/ready");
        out.println("  device stream ws://localhost:" + demo.port() + "/v1/devices/stream  (where the simulated straps send)");
        out.println("  incidents     curl -H 'Authorization: Bearer " + Demo.LIVE_TOKENS.get("alex") + "' " + base + "/v1/incidents");
        out.println("  acknowledge   curl -X POST -H 'Authorization: Bearer " + Demo.LIVE_TOKENS.get("alex") + "' "
                + base + "/v1/incidents/1/acknowledge");
        out.println("  data          " + demo.dataDir() + "  (its own database; removed when the demo stops)");
        out.println("The story (state changes, what each phone gets and every incident's timeline appear below):");
        out.println("  +1:15 a demo alert arrives through the generic webhook and pages alex on his live channel;");
        out.println("  +1:30 alex's heart rate climbs from 70 to 132 bpm: Limbic sends him a 30 s breathing prompt and");
        out.println("        holds his escalation timer while he breathes (his phone acknowledges as it ends);");
        out.println("  +2:20 a warning alert arrives: its page to alex waits until he calms down (at most 3 minutes);");
        out.println("        after a minute of acute stress, his partner sam is paged to join him (alex stays on it).");
        out.println("sam stays calm (~68 bpm) throughout.");
        out.flush();
        Running.untilStopped(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds), demo::close);
        return 0;
    }
}
