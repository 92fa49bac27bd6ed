package dev.limbic.cli;

import dev.limbic.bench.IngestBench;
import dev.limbic.bench.IngestReport;
import dev.limbic.bench.IntakeBench;
import dev.limbic.bench.WebSocketSink;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code limbic bench}: load generators that measure Limbic against a bare baseline. */
@Command(name = "bench",
        description = "Measure ingest speed: the gateway against a bare Vert.x WebSocket sink.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Intake.class, BenchCommand.Care.class,
                BenchCommand.Sink.class,
                CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code limbic bench ingest}: device streams over loopback to the sink and the gateway, side by side. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Open device streams over loopback and send relay frames to a bare WebSocket sink and to "
                    + "the gateway (each a child process), then print both and their ratio.",
                    "flood: the most frames per second each server sustains; fleet: CPU, memory and p99 "
                            + "frame-to-state latency with every stream at a fixed rate."})
    static final class Ingest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--mode", defaultValue = "flood", paramLabel = "flood|fleet",
                description = "flood (as fast as accepted) or fleet (fixed rate per stream). Default: ${DEFAULT-VALUE}.")
        String mode;

        @Option(names = {"--streams", "--connections"}, paramLabel = "N",
                description = {"Device streams (one per responder), at most 10000 (the open-file limit). Default: 5000 "
                        + "for flood, 10000 for fleet.",
                        "Many streams spread the load over both event loops the way a real fleet does."})
        Integer streams;

        @Option(names = "--rate", defaultValue = "1", paramLabel = "HZ",
                description = "Frames per second per stream in fleet mode. Default: ${DEFAULT-VALUE}.")
        double rateHz;

        @Option(names = "--warmup", paramLabel = "SECONDS",
                description = "Seconds of sending before measuring. Default: 5 for flood, 40 for fleet (the gateway "
                        + "needs that long to create 10,000 detectors, log their first state changes and catch up).")
        Double warmupSeconds;

        @Option(names = "--duration", paramLabel = "SECONDS",
                description = "Seconds measured. Default: 10 for flood, 30 for fleet.")
        Double measureSeconds;

        @Option(names = "--client-threads", defaultValue = "2", paramLabel = "N",
                description = "Event loops of the load client. Default: ${DEFAULT-VALUE}.")
        int clientThreads;

        @Option(names = "--targets", split = ",", defaultValue = "sink,gateway", paramLabel = "sink|gateway",
                description = "Servers to measure, in order. Default: ${DEFAULT-VALUE}.")
        List<String> targets;

        @Option(names = "--server-jvm-option", paramLabel = "OPTION",
                description = "A JVM option for every server process (repeatable), e.g. --server-jvm-option=-Xmx1g.")
        List<String> serverJvmOptions = new ArrayList<>();

        @Option(names = "--gateway-jvm-option", paramLabel = "OPTION",
                description = "A JVM option for the gateway process only (repeatable), e.g. "
                        + "--gateway-jvm-option=-XX:StartFlightRecording=filename=gateway.jfr.")
        List<String> gatewayJvmOptions = new ArrayList<>();

        @Option(names = "--gateway-jfr", paramLabel = "FILE",
                description = "Write a flight recording (JFR, profile settings) of the gateway over the measured "
                        + "window to FILE, to find its hot spots: jfr print --events jdk.ExecutionSample FILE.")
        Path gatewayRecording;

        @Override
        public Integer call() throws Exception {
            IngestBench.Mode benchMode = parseMode();
            boolean flood = benchMode == IngestBench.Mode.FLOOD;
            IngestBench.Settings settings;
            try {
                settings = new IngestBench.Settings(benchMode,
                        streams != null ? streams : flood ? 5_000 : 10_000, rateHz,
                        warmupSeconds != null ? warmupSeconds : flood ? 5 : 40,
                        measureSeconds != null ? measureSeconds : flood ? 10 : 30,
                        clientThreads, parseTargets(), serverJvmOptions, gatewayJvmOptions, gatewayRecording);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            IngestReport report = new IngestBench(settings, spec.commandLine().getErr()).run();
            spec.commandLine().getOut().print(report.render());
            spec.commandLine().getOut().flush();
            return 0;
        }

        private IngestBench.Mode parseMode() {
            return switch (mode.toLowerCase(Locale.ROOT)) {
                case "flood" -> IngestBench.Mode.FLOOD;
                case "fleet" -> IngestBench.Mode.FLEET;
                default -> throw new ParameterException(spec.commandLine(),
                        "--mode must be flood or fleet, not '" + mode + "'");
            };
        }

        private List<IngestBench.Target> parseTargets() {
            List<IngestBench.Target> parsed = new ArrayList<>();
            for (String target : targets) {
                parsed.add(switch (target.trim().toLowerCase(Locale.ROOT)) {
                    case "sink" -> IngestBench.Target.SINK;
                    case "gateway" -> IngestBench.Target.GATEWAY;
                    default -> throw new ParameterException(spec.commandLine(),
                            "--targets takes sink and gateway, not '" + target + "'");
                });
            }
            return parsed;
        }
    }

    /** {@code limbic bench intake}: Alertmanager alerts at a bare parsing endpoint, the gateway and Alertmanager. */
    @Command(name = "intake", mixinStandardHelpOptions = true,
            description = {"POST Alertmanager alerts over loopback at a bare Vert.x endpoint that only parses them, at"
                    + " the gateway (durable intake, routing, paging) and at Prometheus Alertmanager's own"
                    + " POST /api/v2/alerts (" + "/usr/bin/prometheus-alertmanager, a child process), and print"
                    + " alerts/s, p50, p99, the ratios and the load average.",
                    "Probe alerts measure webhook received -> first page received by its channel, during the load"
                            + " and alone."})
    static final class Intake implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "20", paramLabel = "S",
                description = "Measured seconds per target, after a warm-up of a quarter of that. Default: ${DEFAULT-VALUE}.")
        int seconds;

        @Option(names = "--connections", defaultValue = "64", paramLabel = "N",
                description = "Requests in flight at once. Default: ${DEFAULT-VALUE}.")
        int connections;

        @Option(names = "--alerts-per-request", defaultValue = "1", paramLabel = "N",
                description = "Alerts in each webhook (Alertmanager groups several). Default: ${DEFAULT-VALUE}.")
        int alertsPerRequest;

        @Option(names = "--alerts-per-second", defaultValue = "0", paramLabel = "N",
                description = {"Send alerts at this rate on a fixed schedule over --connections connections, as wrk2"
                        + " does (latency counted from when each request was due, so falling behind shows)."
                        + " 0: a closed loop of --connections requests in flight, the most each target"
                        + " takes. Default: ${DEFAULT-VALUE}."})
        int alertsPerSecond;

        @Option(names = "--distinct-alerts", defaultValue = "0", paramLabel = "N",
                description = {"Alerts cycle through N fingerprints: after the first N, each webhook re-sends firing"
                        + " alerts, as Alertmanager does for a group whenever one of its alerts changes (deduplicated"
                        + " into their open incidents). 0: every alert is new and opens an incident. Default:"
                        + " ${DEFAULT-VALUE}."})
        int distinctAlerts;

        @Option(names = "--new-alerts-per-thousand", defaultValue = "0", paramLabel = "N",
                description = {"With --distinct-alerts: N of every 1,000 alerts are new (each opens an incident),"
                        + " the rest are re-sent, as in an alert storm where new alerts keep joining groups that"
                        + " Alertmanager re-sends. Default: ${DEFAULT-VALUE}."})
        int newAlertsPerThousand;

        @Option(names = "--targets", split = ",", defaultValue = "bare,gateway,alertmanager",
                paramLabel = "bare|gateway|alertmanager", description = "Servers to measure, in order. Default: ${DEFAULT-VALUE}.")
        List<String> targets;

        @Option(names = "--probes-per-second", defaultValue = "20", paramLabel = "N",
                description = "Probe alerts per second for the page latency, 0 for none. Default: ${DEFAULT-VALUE}.")
        int probesPerSecond;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || connections < 1 || connections > 5000 || alertsPerRequest < 1 || alertsPerRequest > 1000
                    || probesPerSecond < 0 || probesPerSecond > 1000 || distinctAlerts < 0 || alertsPerSecond < 0
                    || newAlertsPerThousand < 0 || newAlertsPerThousand > 1000
                    || newAlertsPerThousand > 0 && distinctAlerts == 0) {
                spec.commandLine().getErr().println("limbic bench intake: --seconds must be positive, --connections 1 to"
                        + " 5000, --alerts-per-request 1 to 1000, --probes-per-second 0 to 1000, --distinct-alerts 0"
                        + " or more, --alerts-per-second 0 or more, --new-alerts-per-thousand 0 to 1000 (with"
                        + " --distinct-alerts)");
                return 2;
            }
            List<IntakeBench.Target> parsed = new ArrayList<>();
            for (String target : targets) {
                try {
                    parsed.add(IntakeBench.Target.valueOf(target.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(),
                            "--targets takes bare, gateway and alertmanager, not '" + target + "'");
                }
            }
            new IntakeBench(new IntakeBench.Settings(java.time.Duration.ofSeconds(seconds), connections,
                    alertsPerRequest, distinctAlerts, newAlertsPerThousand, alertsPerSecond, parsed,
                    probesPerSecond), spec.commandLine().getOut()).run();
            return 0;
        }
    }

    /** {@code limbic bench care}: decisive heart-rate sample to breathing prompt, under fleet load. */
    @Command(name = "care", mixinStandardHelpOptions = true,
            description = "Run the gateway (child process) under a fleet of 1 Hz device streams, page a few probe "
                    + "responders, make their heart rate climb from 70 to 132 bpm, and print how long each breathing "
                    + "prompt took from the decisive sample to the probe's live channel (p50, p99, max). About 4 minutes.")
    static final class Care implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--streams", defaultValue = "10000", paramLabel = "N",
                description = "Device streams in all, probes included, at most 10000. Default: ${DEFAULT-VALUE}.")
        int streams;

        @Option(names = "--probes", defaultValue = "100", paramLabel = "N",
                description = "Responders paged whose heart rate climbs. Default: ${DEFAULT-VALUE}.")
        int probes;

        @Option(names = "--gateway-jvm-option", paramLabel = "OPTION",
                description = "A JVM option for the gateway process (repeatable; replaces the default -XX:+UseZGC), "
                        + "e.g. --gateway-jvm-option=-XX:+UseG1GC.")
        List<String> gatewayJvmOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            dev.limbic.bench.CareBench bench;
            try {
                bench = new dev.limbic.bench.CareBench(streams, probes, gatewayJvmOptions.isEmpty()
                        ? dev.limbic.bench.CareBench.DEFAULT_GATEWAY_JVM_OPTIONS : gatewayJvmOptions,
                        spec.commandLine().getErr(),
                        spec.commandLine().getOut());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
            }
            bench.run();
            return 0;
        }
    }

    /** {@code limbic bench sink}: the bare baseline server, run by {@code bench ingest} as its own process. */
    @Command(name = "sink", hidden = true, mixinStandardHelpOptions = true,
            description = "Run the bare Vert.x WebSocket sink that bench ingest compares the gateway with.")
    static final class Sink implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--port", required = true, paramLabel = "PORT", description = "Port to listen on (127.0.0.1).")
        int port;

        @Option(names = "--instances", paramLabel = "N",
                description = "Server instances and event loops (native transport, like the gateway). Default: one per available processor.")
        Integer instances;

        @Override
        public Integer call() throws Exception {
            int count = instances != null ? instances : Runtime.getRuntime().availableProcessors();
            Vertx vertx = Vertx.builder()
                    .with(new VertxOptions().setEventLoopPoolSize(count).setPreferNativeTransport(true)).build();
            WebSocketSink.deploy(vertx, port, count).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            spec.commandLine().getOut().printf("bench sink: %d instances listening on 127.0.0.1:%d%n", count, port);
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
            return 0;
        }
    }
}
