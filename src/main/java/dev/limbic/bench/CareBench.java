package dev.limbic.bench;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * How fast the stress-aware rules answer: the decisive heart-rate sample (the one after which Limbic sees a stress
 * reaction) to the breathing prompt on the responder's live channel, under the fleet load of {@code bench ingest}.
 *
 * <p>The gateway runs as a child process ({@code limbic serve}, with its embedded PostgreSQL) with one responder per
 * device stream. All but {@code probes} of them stream at 1 Hz through the same {@link LoadClient} as
 * {@code bench ingest --mode fleet}. The probes are paged by one alert (through the generic webhook) while calm, then
 * their straps climb from 70 to 132 bpm, staggered over 20 s. Each probe's phone listens on its live channel; the
 * latency of a prompt is its arrival minus the sending of the probe's decisive frame, which the bench finds itself by
 * replaying what the probe sent through the gateway's own rules ({@link DecisiveSampleFinder}). The latency from the
 * probe's last frame before the prompt is printed beside it: it under-reports any prompt that waited for a later frame
 * or a timer (it never exceeds a second), so it is no measure of its own.
 */
public final class CareBench {
    private static final String STREAM_PATH = "/v1/devices/stream";
    private static final String SECRET = "bench-generic-secret-0123456789";
    private static final double CALM_SECONDS = 150;
    private static final int RISE_STAGGER_SECONDS = 20;

    /**
     * The gateway's JVM options unless told otherwise: ZGC, as the README recommends for {@code limbic serve}. With
     * G1 at 10,000 streams on this shared 2-core box, young pauses of 200-660 ms landed on decisive samples and made
     * the tail; ZGC's pauses stay under a millisecond (time to reach a safepoint on a starved box aside).
     */
    public static final List<String> DEFAULT_GATEWAY_JVM_OPTIONS = List.of("-XX:+UseZGC");

    private final int streams;
    private final int probes;
    private final List<String> gatewayJvmOptions;
    private final PrintWriter progress;
    private final PrintWriter out;

    /**
     * @param streams  device streams in all, probes included (at most {@link IngestBench#MAX_STREAMS})
     * @param probes   of them, the responders who are paged and whose heart rate climbs
     * @param gatewayJvmOptions the gateway process's JVM options (see {@link #DEFAULT_GATEWAY_JVM_OPTIONS})
     * @param progress where to tell what is happening
     * @param out      where the figures go
     */
    public CareBench(int streams, int probes, List<String> gatewayJvmOptions, PrintWriter progress, PrintWriter out) {
        if (probes < 1 || streams < probes || streams > IngestBench.MAX_STREAMS) {
            throw new IllegalArgumentException("probes must be at least 1 and streams from probes to "
                    + IngestBench.MAX_STREAMS);
        }
        this.streams = streams;
        this.probes = probes;
        this.gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        this.progress = progress;
        this.out = out;
    }

    /** Runs the gateway, the fleet and the probes; prints the latency figures. */
    public void run() throws Exception {
        Path workDir = Files.createTempDirectory("limbic-care-bench-");
        int port = freePort();
        Path config = workDir.resolve("gateway.yaml");
        writeConfig(config, port, Files.createDirectories(workDir.resolve("data")));
        say("gateway: starting with %,d responders (%d probes), JVM options %s", streams, probes, gatewayJvmOptions);
        try (ServerProcess server = ServerProcess.start("gateway", gatewayJvmOptions,
                List.of("serve", "--config", config.toString()), port, workDir.resolve("gateway.log"),
                Duration.ofSeconds(120))) {
            Vertx vertx = client(2);
            Vertx probeVertx = client(1);
            try {
                measure(vertx, probeVertx, server, port);
            } catch (Exception e) {
                say("gateway: failed; last lines of its output:%n%s", server.logTail(20));
                throw e;
            } finally {
                probeVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        WorkDirectories.delete(workDir);
    }

    /** A client Vert.x; the probes get one of their own, so the fleet's sending never delays their clocks. */
    private static Vertx client(int eventLoops) {
        return Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true)
                .setMaxEventLoopExecuteTime(10).setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)).build();
    }

    private void measure(Vertx vertx, Vertx probeVertx, ServerProcess server, int port) throws Exception {
        List<String> fleetTokens = new ArrayList<>();
        for (int i = probes; i < streams; i++) {
            fleetTokens.add(GatewayConfigFile.token(i));
        }
        LoadClient fleet = new LoadClient(vertx, "127.0.0.1", port, STREAM_PATH, fleetTokens, 2);
        await(fleet.open(), 60 + streams / 50);
        fleet.fleet(1);
        say("fleet: %,d streams at 1 Hz", fleetTokens.size());

        WebSocketClient sockets = probeVertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(2 * probes));
        // Touched only on the probes' one event loop, except the figures, read under the lock on `prompts`.
        AtomicLongArray lastSentNanos = new AtomicLongArray(probes);
        DecisiveSampleFinder[] finders = new DecisiveSampleFinder[probes];
        Prompt[] prompts = new Prompt[probes];
        List<Future<WebSocket>> connected = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            int probe = i;
            finders[i] = new DecisiveSampleFinder();
            connected.add(sockets.connect(options(port, "/v1/responders/" + probeId(i) + "/live", liveToken(i)))
                    .onSuccess(phone -> phone.textMessageHandler(text -> {
                        long arrived = System.nanoTime();
                        JsonObject notification = new JsonObject(text).getJsonObject("notification");
                        if (notification == null) {
                            return;
                        }
                        String kind = notification.getString("kind");
                        if ("page".equals(kind)) {
                            finders[probe].paged(Instant.parse(notification.getString("created_at")).toEpochMilli());
                        } else if ("breathing_prompt".equals(kind)) {
                            DecisiveSampleFinder finder = finders[probe];
                            synchronized (prompts) {
                                if (prompts[probe] == null) {
                                    boolean decided = finder.decisiveSentNanos() != Long.MIN_VALUE;
                                    prompts[probe] = new Prompt(decided
                                            ? arrived - finder.decisiveSentNanos() : Long.MIN_VALUE,
                                            arrived - lastSentNanos.get(probe), decided
                                            ? 1000 * (micros(Instant.parse(notification.getString("created_at")))
                                            - finder.decisiveSentMicros()) : Long.MIN_VALUE, finder.cause(),
                                            probe, decided ? finder.decisiveSentMicros() / 1000 : Long.MIN_VALUE);
                                }
                            }
                        }
                    })));
        }
        await(Future.all(connected), 60);
        long startMillis = System.currentTimeMillis();
        AtomicLongArray riseAtMillis = new AtomicLongArray(probes);
        for (int i = 0; i < probes; i++) {
            riseAtMillis.set(i, Long.MAX_VALUE);
        }
        List<WebSocket> straps = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            straps.add(await(sockets.connect(options(port, STREAM_PATH, GatewayConfigFile.token(i))), 60));
        }
        for (int i = 0; i < probes; i++) {
            int probe = i;
            WebSocket strap = straps.get(i);
            probeVertx.setTimer(1 + (1000L * i) / probes, first -> probeVertx.setPeriodic(1000, tick -> {
                long now = System.currentTimeMillis();
                int bpm = bpm(now, riseAtMillis.get(probe));
                byte[] value = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED,
                        HeartRateMeasurement.NO_ENERGY, HeartRateMeasurementEncoder.rrMillisTo1024(60_000.0 / bpm));
                long sentNanos = System.nanoTime();
                long sentMicros = micros(Instant.now());
                lastSentNanos.set(probe, sentNanos);
                strap.writeBinaryMessage(Buffer.buffer(RelayFrame.of(now, value)));
                finders[probe].sent(now, value, sentNanos, sentMicros);
            }));
        }
        say("probes: %d straps calm at 70 bpm for %.0f s (baseline), then paged", probes, CALM_SECONDS);
        Thread.sleep(Math.round(CALM_SECONDS * 1000));
        PrometheusScrape scrapeAtPage = server.scrape();
        ProcessUsage gatewayAtPage = server.usage();
        ProcessUsage benchAtPage = ProcessUsage.of(ProcessHandle.current().pid());
        long pagedNanos = System.nanoTime();
        alert(port);
        say("probes: paged (load average %s); their heart rate climbs to 132 bpm, staggered over %d s", IntakeBench.loadAverage(),
                RISE_STAGGER_SECONDS);
        Thread.sleep(5_000);
        long riseStart = System.currentTimeMillis();
        for (int i = 0; i < probes; i++) {
            riseAtMillis.set(i, riseStart + 1000L * (i % RISE_STAGGER_SECONDS));
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && count(prompts) < probes) {
            Thread.sleep(500);
        }
        fleet.stopSending();
        double measuredSeconds = (System.nanoTime() - pagedNanos) / 1e9;
        PrometheusScrape scrapeAtEnd = server.scrape();
        report(prompts, (System.currentTimeMillis() - startMillis) / 1000.0);
        out.printf(Locale.ROOT, "  episodes opened, by what set them off (gateway): %s%n",
                scrapeAtEnd.sumByLabel("limbic_stress_episode_openings_total", "trigger"));
        out.printf(Locale.ROOT, "  from the page to the end (%.0f s): gateway CPU %.0f %% of a core, bench %.0f %%; "
                        + "gateway event-loop delay p99 %.0f ms; frame -> state p99 %.2f ms%n", measuredSeconds,
                server.usage().cpuPercentSince(gatewayAtPage, measuredSeconds),
                ProcessUsage.of(ProcessHandle.current().pid()).cpuPercentSince(benchAtPage, measuredSeconds),
                scrapeAtEnd.quantileSince(scrapeAtPage, "limbic_event_loop_delay_seconds", 0.99) * 1000,
                scrapeAtEnd.quantileSince(scrapeAtPage, "limbic_frame_to_state_seconds", 0.99) * 1000);
        out.flush();
    }

    /**
     * One probe's breathing prompt, as it arrived.
     *
     * @param fromDecisiveNanos from the sending of the decisive frame ({@link Long#MIN_VALUE}: the prompt came before
     *                          the bench saw any frame decide it)
     * @param fromLastNanos     from the sending of the probe's last frame before it
     * @param toCreatedNanos    from the sending of the decisive frame to the prompt's {@code created_at} (the gateway
     *                          made it: the frame's way in, the judgement and the episode), by the wall clock to the
     *                          microsecond ({@link Long#MIN_VALUE} without a decisive frame)
     * @param cause             what made the decisive frame decisive ({@code null} with no decisive frame)
     * @param probe             whose
     * @param decisiveAtMillis  when the decisive frame was sent (epoch ms; {@link Long#MIN_VALUE} without one)
     */
    private record Prompt(long fromDecisiveNanos, long fromLastNanos, long toCreatedNanos,
                          DecisiveSampleFinder.Cause cause, int probe, long decisiveAtMillis) {
    }

    private void report(Prompt[] prompts, double seconds) {
        List<Prompt> got;
        synchronized (prompts) {
            got = Arrays.stream(prompts).filter(Objects::nonNull).toList();
        }
        long[] fromDecisive = got.stream().mapToLong(Prompt::fromDecisiveNanos).filter(l -> l != Long.MIN_VALUE)
                .sorted().toArray();
        long[] fromLast = got.stream().mapToLong(Prompt::fromLastNanos).sorted().toArray();
        out.printf(Locale.ROOT, "Care: decisive heart-rate sample -> breathing prompt on the live channel%n");
        out.printf(Locale.ROOT, "  load: %,d device streams at 1 Hz (%d of them probes), %.0f s; load average %s; "
                + "gateway JVM options %s%n", streams, probes, seconds, IntakeBench.loadAverage(), gatewayJvmOptions);
        out.printf(Locale.ROOT, "  prompts: %d of %d probes; decisive sample: %s; prompts before any decisive "
                        + "sample: %d%n", got.size(), probes,
                got.stream().filter(p -> p.cause() != null).collect(Collectors.groupingBy(
                        p -> p.cause().name().toLowerCase(Locale.ROOT), TreeMap::new, Collectors.counting())),
                got.size() - fromDecisive.length);
        latencies("from the decisive sample", fromDecisive, true);
        latencies("from the probe's last frame before it", fromLast, false);
        latencies("of it, decisive frame -> prompt made (created_at)", got.stream().mapToLong(Prompt::toCreatedNanos)
                .filter(l -> l != Long.MIN_VALUE).sorted().toArray(), false);
        out.printf(Locale.ROOT, "  slowest from the decisive sample: %s%n", got.stream()
                .filter(p -> p.fromDecisiveNanos() != Long.MIN_VALUE)
                .sorted(Comparator.comparingLong(Prompt::fromDecisiveNanos).reversed()).limit(5)
                .map(p -> String.format(Locale.ROOT, "%s sent %s: %.1f ms (%.1f ms to made)", probeId(p.probe()),
                        LocalTime.ofInstant(Instant.ofEpochMilli(p.decisiveAtMillis()), ZoneOffset.UTC),
                        p.fromDecisiveNanos() / 1e6, p.toCreatedNanos() / 1e6)).toList());
        out.flush();
    }

    private void latencies(String what, long[] sorted, boolean goal) {
        if (sorted.length == 0) {
            return;
        }
        double p99 = quantile(sorted, 0.99) / 1e6;
        out.printf(Locale.ROOT, "  latency %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%s; over 50 ms: %d; slowest "
                        + "five: %s ms%n", what, quantile(sorted, 0.5) / 1e6, p99, sorted[sorted.length - 1] / 1e6,
                goal ? " (goal: p99 < 50 ms: " + (p99 < 50 ? "met" : "NOT met") + ")" : "",
                Arrays.stream(sorted).filter(l -> l > 50_000_000L).count(),
                Arrays.stream(sorted).skip(Math.max(0, sorted.length - 5))
                        .mapToObj(l -> String.format(Locale.ROOT, "%.1f", l / 1e6)).toList());
    }

    /** The probes' heart rate: 70 bpm, then from {@code riseAt} a climb to 132 bpm within 10 s. */
    private static int bpm(long now, long riseAt) {
        if (now < riseAt) {
            return 70;
        }
        double t = (now - riseAt) / 1000.0;
        return t >= 10 ? 132 : (int) Math.round(70 + (132 - 70) * t / 10);
    }

    private void alert(int port) throws IOException, InterruptedException {
        String body = new JsonObject().put("summary", "Checkout latency p99 above 2 s").put("severity", "error")
                .put("dedup_key", "bench/care").encode();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/intake/generic/bench"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the alert was refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** One responder per stream; the probes also have a live channel, and one policy pages them all. */
    private void writeConfig(Path file, int port, Path dataDir) throws IOException {
        List<Map<String, Object>> responders = new ArrayList<>(streams);
        List<String> probeTargets = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Map<String, Object> responder = new LinkedHashMap<>();
            String id = i < probes ? probeId(i) : String.format(Locale.ROOT, "bench-responder-%06d", i);
            responder.put("id", id);
            responder.put("timezone", "UTC");
            responder.put("heart_rate_monitoring", true);
            responder.put("devices", List.of(Map.of("id", String.format(Locale.ROOT, "bench-strap-%06d", i),
                    "token", GatewayConfigFile.token(i))));
            if (i < probes) {
                responder.put("live_token", liveToken(i));
                responder.put("channels", List.of(Map.of("type", "live")));
                probeTargets.add("responder:" + id);
            }
            responders.add(responder);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("server", Map.of("port", port));
        config.put("data_dir", dataDir.toString());
        config.put("responders", responders);
        config.put("escalation_policies", List.of(Map.of("id", "probes",
                "steps", List.of(Map.of("delay", "1h", "targets", probeTargets)))));
        config.put("default_policy", "probes");
        config.put("integrations", List.of(Map.of("name", "bench", "type", "generic", "secret", SECRET)));
        new YAMLMapper().writeValue(file.toFile(), config);
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    private static String probeId(int i) {
        return String.format(Locale.ROOT, "probe-%04d", i);
    }

    private static String liveToken(int i) {
        return String.format(Locale.ROOT, "bench-live-token-%06d", i);
    }

    private static WebSocketConnectOptions options(int port, String path, String token) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .addHeader("Authorization", "Bearer " + token);
    }

    private static int count(Prompt[] prompts) {
        synchronized (prompts) {
            return (int) Arrays.stream(prompts).filter(Objects::nonNull).count();
        }
    }

    private static double quantile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "bench: " + format + "%n", args);
        progress.flush();
    }

    private static <T> T await(Future<T> future, long seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
