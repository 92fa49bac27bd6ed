package dev.limbic.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code limbic bench ingest}: runs each target server in a child process, drives it with the same
 * {@link LoadClient} over loopback, and measures it over a window after a warm-up: frames per second as
 * the server counted them, the server's CPU (percent of one core) and resident memory, and for the gateway
 * the p99 of its {@value #GATEWAY_LATENCY_METRIC} histogram over the window.
 */
public final class IngestBench {
    /** Most streams one run opens: the client and each server hold one socket per stream. */
    public static final int MAX_STREAMS = 10_000;
    /** The gateway's WebSocket path for device streams. */
    static final String STREAM_PATH = "/v1/devices/stream";
    /** The gateway's counter of frames it accepted. */
    static final String GATEWAY_FRAMES_METRIC = "limbic_frames_ingested_total";
    /** The gateway's counter of frames it refused, labelled by {@code reason}. */
    static final String GATEWAY_REJECTED_METRIC = "limbic_frames_rejected_total";
    /** The gateway's histogram from a frame's send time to the stress state it updated. */
    static final String GATEWAY_LATENCY_METRIC = "limbic_frame_to_state_seconds";

    /** How the client sends. */
    public enum Mode {
        /** As fast as the server takes frames: its maximum sustained ingest. */
        FLOOD,
        /** Every stream at a fixed rate: the cost of a steady fleet of straps. */
        FLEET
    }

    /** A server the bench can measure. */
    public enum Target {
        /** The bare Vert.x WebSocket sink ({@code limbic bench sink}). */
        SINK("sink", WebSocketSink.FRAMES_METRIC, null, null),
        /** The real gateway ({@code limbic serve}). */
        GATEWAY("gateway", GATEWAY_FRAMES_METRIC, GATEWAY_REJECTED_METRIC, GATEWAY_LATENCY_METRIC);

        private final String label;
        private final String framesMetric;
        private final String rejectedMetric;
        private final String latencyMetric;

        Target(String label, String framesMetric, String rejectedMetric, String latencyMetric) {
            this.label = label;
            this.framesMetric = framesMetric;
            this.rejectedMetric = rejectedMetric;
            this.latencyMetric = latencyMetric;
        }

        public String label() {
            return label;
        }
    }

    /**
     * What to run.
     *
     * @param rateHz               frames per second per stream (fleet only)
     * @param clientEventLoops     event loops (and stream groups) of the client
     * @param serverJvmOptions     JVM options of every server child
     * @param gatewayJvmOptions    more JVM options for the gateway child only
     * @param gatewayRecording     where to write a flight recording of the gateway over the measured window
     *                             only (to find its hot spots), or {@code null}
     */
    public record Settings(Mode mode, int streams, double rateHz, double warmupSeconds, double measureSeconds,
                           int clientEventLoops, List<Target> targets, List<String> serverJvmOptions,
                           List<String> gatewayJvmOptions, Path gatewayRecording) {
        public Settings {
            if (streams < 1 || streams > MAX_STREAMS) {
                throw new IllegalArgumentException("--streams must be between 1 and " + MAX_STREAMS
                        + " (each process may hold 20,000 open files, and the client holds one socket per stream)");
            }
            if (mode == Mode.FLEET && !(rateHz > 0 && rateHz <= 100)) {
                throw new IllegalArgumentException("--rate must be above 0 and at most 100 Hz");
            }
            if (!(warmupSeconds >= 0) || !(measureSeconds > 0)) {
                throw new IllegalArgumentException("--warmup must not be negative and --duration must be positive");
            }
            if (clientEventLoops < 1) {
                throw new IllegalArgumentException("--client-threads must be at least 1");
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("--targets names no server");
            }
            targets = List.copyOf(targets);
            serverJvmOptions = List.copyOf(serverJvmOptions);
            gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        }
    }

    private final Settings settings;
    private final PrintWriter progress;

    /** @param progress where to tell what is happening (stderr) */
    public IngestBench(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every target in turn and reports them side by side. */
    public IngestReport run() throws Exception {
        Path workDir = Files.createTempDirectory("limbic-bench-");
        List<IngestReport.Result> results = new ArrayList<>();
        boolean failed = true;
        try {
            for (Target target : settings.targets()) {
                results.add(measure(target, workDir));
            }
            failed = false;
        } finally {
            if (failed) {
                progress.println("bench: server logs kept in " + workDir);
                progress.flush();
            } else {
                WorkDirectories.delete(workDir);
            }
        }
        return new IngestReport(settings, results);
    }

    private IngestReport.Result measure(Target target, Path workDir) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>(settings.serverJvmOptions());
        if (target == Target.GATEWAY) {
            Path config = workDir.resolve("gateway.yaml");
            Path dataDir = Files.createDirectories(workDir.resolve("gateway-data"));
            GatewayConfigFile.write(config, port, dataDir, settings.streams());
            args.addAll(List.of("serve", "--config", config.toString()));
            jvmOptions.addAll(settings.gatewayJvmOptions());
        } else {
            args.addAll(List.of("bench", "sink", "--port", Integer.toString(port)));
        }
        say("%s: starting (%s)", target.label(), String.join(" ", args));
        try (ServerProcess server = ServerProcess.start(target.label(), jvmOptions, args, port,
                workDir.resolve(target.label() + ".log"), Duration.ofSeconds(60))) {
            Vertx vertx = Vertx.builder().with(new VertxOptions()
                    .setEventLoopPoolSize(settings.clientEventLoops()).setPreferNativeTransport(true)
                    .setMaxEventLoopExecuteTime(10).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)).build();
            try {
                return drive(target, server, vertx, port);
            } catch (Exception e) {
                say("%s: failed; last lines of its output:%n%s", target.label(), server.logTail(20));
                throw e;
            } finally {
                await(vertx.close(), 30);
            }
        }
    }

    private IngestReport.Result drive(Target target, ServerProcess server, Vertx vertx, int port) throws Exception {
        LoadClient client = new LoadClient(vertx, "127.0.0.1", port, STREAM_PATH,
                GatewayConfigFile.tokens(settings.streams()), settings.clientEventLoops());
        long openStart = System.nanoTime();
        await(client.open(), 60 + settings.streams() / 50);
        say("%s: %,d streams open in %.1f s; %s for %.0f s warm-up, then %.0f s measured", target.label(),
                settings.streams(), (System.nanoTime() - openStart) / 1e9,
                settings.mode() == Mode.FLOOD ? "flooding" : String.format(Locale.ROOT, "sending at %.3g Hz", settings.rateHz()),
                settings.warmupSeconds(), settings.measureSeconds());
        if (settings.mode() == Mode.FLOOD) {
            client.flood();
        } else {
            client.fleet(settings.rateHz());
        }
        sleep(settings.warmupSeconds());

        long clientPid = ProcessHandle.current().pid();
        PrometheusScrape scrapeBefore = server.scrape();
        long sentBefore = client.framesSent();
        long skippedBefore = client.framesSkipped();
        boolean recording = target == Target.GATEWAY && settings.gatewayRecording() != null;
        if (recording) {
            server.startRecording();
        }
        ProcessUsage serverBefore = server.usage();
        ProcessUsage clientBefore = ProcessUsage.of(clientPid);
        long start = System.nanoTime();
        sleep(settings.measureSeconds());
        ProcessUsage serverAfter = server.usage();
        ProcessUsage clientAfter = ProcessUsage.of(clientPid);
        long sentAfter = client.framesSent();
        double seconds = (System.nanoTime() - start) / 1e9;
        PrometheusScrape scrapeAfter = server.scrape();
        client.stopSending();
        if (recording) {
            server.stopRecording(settings.gatewayRecording());
            say("%s: flight recording of the measured window in %s", target.label(), settings.gatewayRecording());
        }

        if (client.firstError() != null && client.streamsClosed() == settings.streams()) {
            throw new IllegalStateException(target.label() + " closed every stream: " + client.firstError().getMessage(),
                    client.firstError());
        }
        double serverFrames = scrapeAfter.sum(target.framesMetric) - scrapeBefore.sum(target.framesMetric);
        Map<String, Double> rejectedPerSecond = new TreeMap<>();
        if (target.rejectedMetric != null) {
            Map<String, Double> before = scrapeBefore.sumByLabel(target.rejectedMetric, "reason");
            scrapeAfter.sumByLabel(target.rejectedMetric, "reason").forEach((reason, count) -> {
                double perSecond = (count - before.getOrDefault(reason, 0.0)) / seconds;
                if (perSecond > 0) {
                    rejectedPerSecond.put(reason, perSecond);
                }
            });
        }
        double p99 = target.latencyMetric == null ? Double.NaN
                : scrapeAfter.quantileSince(scrapeBefore, target.latencyMetric, 0.99);
        return new IngestReport.Result(target, serverFrames / seconds, !Double.isNaN(serverFrames),
                (sentAfter - sentBefore) / seconds, rejectedPerSecond, client.framesSkipped() - skippedBefore,
                client.streamsClosed(),
                serverAfter.cpuPercentSince(serverBefore, seconds), serverAfter.rssBytes(),
                clientAfter.cpuPercentSince(clientBefore, seconds), p99,
                target.latencyMetric != null && scrapeAfter.has(target.latencyMetric + "_bucket"));
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "bench: " + format + "%n", args);
        progress.flush();
    }

    private static <T> T await(Future<T> future, long seconds) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + seconds + " s");
        }
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
