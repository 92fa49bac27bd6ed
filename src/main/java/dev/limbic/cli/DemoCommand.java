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
        description = "Run the gateway with a built-in config and simulated straps (alex stays calm, sam spikes to 132 bpm a"
                + " minute in) and a demo alert 30 s in that pages alex and escalates to sam when nobody acknowledges.")
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
        out.println("alex stays calm (~68 bpm); sam's heart rate rises from 70 to 132 bpm a minute in, holds for");
        out.println("three minutes, recovers, and repeats every six minutes. State changes appear below.");
        out.println("About 30 s in, a demo alert arrives through the generic webhook and pages alex on the live channel;");
        out.println("if nobody acknowledges within a minute, it escalates to sam.");
        out.flush();
        Running.untilStopped(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds), demo::close);
        return 0;
    }
}
