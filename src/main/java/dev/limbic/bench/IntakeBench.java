package dev.limbic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code limbic bench intake}: alerts POSTed by a closed-loop client over loopback at three targets, one after the
 * other, and their figures side by side:
 * <ul>
 *   <li>a bare Vert.x endpoint that only parses the Alertmanager webhook JSON with Jackson and answers 200;</li>
 *   <li>the gateway: durable intake into an embedded PostgreSQL with fsync on, routing, and the escalation runtime
 *   paging for every new incident (pages go to a webhook channel served by this bench);</li>
 *   <li>Prometheus Alertmanager's own intake, {@code POST /api/v2/alerts} (in memory), as a child process.</li>
 * </ul>
 * Alertmanager webhooks (version 4) carry {@code alertsPerRequest} firing alerts of distinct fingerprints each.
 * Webhook received → first page handed to its channel is measured with probe alerts (one every {@code 1/probeRate}
 * s, routed to responders of their own) that the bench's channel endpoint receives: once during the gateway's
 * saturation load, once alone. Prints alerts/s, p50 and p99 of the answer, the ratios, the load average, and the
 * CPU time per alert of this JVM and its child processes together (client, server, database), which says more than
 * the rate on a machine shared with other work. Servers and client share the machine's cores (and, for the bare
 * endpoint and the gateway, this JVM).
 */
public final class IntakeBench {
    private static final String SECRET = "bench-alertmanager-secret-0001";
    private static final String ALERTMANAGER_BINARY = "/usr/bin/prometheus-alertmanager";
    private static final int MAX_SAMPLES = 4_000_000;
    private static final int PROBE_RESPONDERS = 5;
    /** Marks where the alerts go in a request body rendered without them. */
    private static final String ALERTS = "@alerts@";
    /** The measured run's p99 is also printed for each of its windows this long, so stalls show when they came. */
    private static final int WINDOW_SECONDS = 5;
    private static final Pattern PROBE = Pattern.compile("probe-(\\d+)");

    /** The servers measured. */
    public enum Target { BARE, GATEWAY, ALERTMANAGER }

    /**
     * What to run.
     *
     * @param duration         how long each target is measured (after a warm-up of a quarter of it)
     * @param connections      requests in flight at once
     * @param alertsPerRequest alerts in each webhook (and in each Alertmanager API request)
     * @param distinctAlerts   how many fingerprints the alerts cycle through (re-sent alerts are deduplicated), or 0
     *                         for a new fingerprint every time
     * @param newAlertsPerThousand with distinct alerts: how many of every 1,000 alerts are new all the same (a storm
     *                         where new alerts keep joining the groups Alertmanager re-sends)
     * @param alertsPerSecond  0: a closed loop of {@code connections} requests in flight (the most the target takes);
     *                         else requests sent at this rate of alerts over {@code connections} connections, each
     *                         request's latency counted from when it was due, so a target that falls behind shows it
     * @param targets          the servers to measure, in order
     * @param probesPerSecond  probe alerts per second for the page latency (0: none)
     */
    public record Settings(Duration duration, int connections, int alertsPerRequest, int distinctAlerts,
                           int newAlertsPerThousand, int alertsPerSecond, List<Target> targets, int probesPerSecond) {
        public Settings {
            if (duration.isNegative() || duration.isZero() || connections < 1 || alertsPerRequest < 1
                    || distinctAlerts < 0 || alertsPerSecond < 0 || probesPerSecond < 0 || probesPerSecond > 1000
                    || newAlertsPerThousand < 0 || newAlertsPerThousand > 1000
                    || newAlertsPerThousand > 0 && distinctAlerts == 0) {
                throw new IllegalArgumentException("duration, connections and alerts per request must be positive,"
                        + " distinct alerts 0 or more, new alerts per thousand 0 to 1000 (with distinct alerts),"
                        + " probes per second 0 to 1000");
            }
            targets = List.copyOf(targets);
        }
    }

    private final Settings settings;
    private final PrintWriter out;
    /** The data directory of the gateway's embedded PostgreSQL while it is measured, to count its CPU. */
    private volatile Path databaseDirectory;
    private final Bodies webhookBodies;
    private final Bodies postableBodies;

    public IntakeBench(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        this.webhookBodies = new Bodies(webhook(new JsonArray().add(ALERTS), commonLabels()).encode(),
                n -> alert(n).put("status", "firing")
                .put("endsAt", "0001-01-01T00:00:00Z").put("fingerprint", Long.toHexString(0x1000_0000_0000L + n)));
        this.postableBodies = new Bodies(new JsonArray().add(ALERTS).encode(), IntakeBench::alert);
    }

    /** One target's figures. */
    record Figures(long alerts, double seconds, double p50Millis, double p99Millis, long failed, String load,
                   double jvmCpuSeconds, double childCpuSeconds, double[] p99MillisPerWindow) {
        double perSecond() {
            return alerts / seconds;
        }

        /** CPU (client, server and its database together) per alert, in microseconds. */
        double cpuMicrosPerAlert() {
            return alerts == 0 ? Double.NaN : (jvmCpuSeconds + childCpuSeconds) * 1e6 / alerts;
        }

        /** The share of the other processes (PostgreSQL, Alertmanager) in {@link #cpuMicrosPerAlert()}. */
        double childCpuMicrosPerAlert() {
            return alerts == 0 ? Double.NaN : childCpuSeconds * 1e6 / alerts;
        }
    }

    /** Runs the targets and prints the figures. */
    public void run() throws Exception {
        Vertx client = Vertx.vertx();
        Map<Target, Figures> figures = new java.util.EnumMap<>(Target.class);
        try {
            out.printf("%s, %d alert(s) per request, %s, %d s measured per target; %d cores%n",
                    settings.alertsPerSecond() == 0 ? settings.connections() + " requests in flight (closed loop)"
                            : settings.alertsPerSecond() + " alerts/s due on a fixed schedule over " + settings.connections()
                            + " connections",
                    settings.alertsPerRequest(), settings.distinctAlerts() == 0
                            ? "every alert new (each opens an incident)"
                            : "alerts cycling through " + settings.distinctAlerts() + " fingerprints (re-sent ones"
                            + " are deduplicated)" + (settings.newAlertsPerThousand() == 0 ? ""
                            : ", " + settings.newAlertsPerThousand() + " of every 1,000 alerts new"),
                    settings.duration().toSeconds(),
                    Runtime.getRuntime().availableProcessors());
            for (Target target : settings.targets()) {
                Figures f = switch (target) {
                    case BARE -> measureBare(client);
                    case GATEWAY -> measureGateway(client);
                    case ALERTMANAGER -> measureAlertmanager(client);
                };
                figures.put(target, f);
                print(switch (target) {
                    case BARE -> "bare Vert.x + Jackson parse";
                    case GATEWAY -> "gateway (durable intake + paging)";
                    case ALERTMANAGER -> "Alertmanager 0.25 POST /api/v2/alerts";
                }, f);
            }
            Figures gateway = figures.get(Target.GATEWAY);
            for (Target other : List.of(Target.BARE, Target.ALERTMANAGER)) {
                Figures f = figures.get(other);
                if (gateway != null && f != null) {
                    out.printf("gateway / %s: %.2f of the alerts/s; p99 %.1f ms vs %.1f ms; CPU per alert %.1fx%n",
                            other.name().toLowerCase(Locale.ROOT), gateway.perSecond() / f.perSecond(),
                            gateway.p99Millis(), f.p99Millis(), gateway.cpuMicrosPerAlert() / f.cpuMicrosPerAlert());
                }
            }
            out.flush();
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void print(String name, Figures f) {
        out.printf("%-38s %9.0f alerts/s   p50 %7.1f ms   p99 %7.1f ms   failed %d   CPU %6.0f µs/alert"
                        + " (%.0f of it PostgreSQL or Alertmanager)   load avg %s%n", name, f.perSecond(), f.p50Millis(),
                f.p99Millis(), f.failed(), f.cpuMicrosPerAlert(), f.childCpuMicrosPerAlert(), f.load());
        StringBuilder windows = new StringBuilder();
        for (double p99 : f.p99MillisPerWindow()) {
            windows.append(String.format(Locale.ROOT, " %.0f", p99));
        }
        out.printf("  p99 in ms per %d s of the measured run:%s%n", WINDOW_SECONDS, windows);
        out.flush();
    }

    private Figures measureBare(Vertx client) throws Exception {
        Vertx server = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
                Math.max(1, Runtime.getRuntime().availableProcessors())));
        ObjectMapper mapper = new ObjectMapper();
        try {
            HttpServer http = server.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                try {
                    JsonNode alerts = mapper.readTree(body.getBytes()).path("alerts");
                    request.response().setStatusCode(alerts.isArray() ? 200 : 400).end();
                } catch (Exception e) {
                    request.response().setStatusCode(400).end();
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            return load(client, webhookRequest(http.actualPort()), this::webhook);
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Figures measureGateway(Vertx client) throws Exception {
        Probes probes = new Probes(client);
        Path dataDir = Files.createTempDirectory("limbic-bench-intake");
        StringBuilder yaml = new StringBuilder("""
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders:
                  - {id: bench, timezone: UTC, channels: [{type: webhook, url: "http://127.0.0.1:%d/bench"}]}
                """.formatted(dataDir, probes.port()));
        StringBuilder policies = new StringBuilder("escalation_policies:\n"
                + "  - {id: bench, steps: [{delay: 30m, targets: [responder:bench]}]}\n");
        StringBuilder routes = new StringBuilder("routes:\n");
        for (int i = 0; i < PROBE_RESPONDERS; i++) {
            yaml.append("  - {id: probe").append(i).append(", timezone: UTC, notification_rate_per_minute: 600,")
                    .append(" channels: [{type: webhook, url: \"http://127.0.0.1:").append(probes.port())
                    .append("/probe\"}]}\n");
            policies.append("  - {id: probe").append(i).append(", steps: [{delay: 30m, targets: [responder:probe")
                    .append(i).append("]}]}\n");
            routes.append("  - {policy: probe").append(i).append(", match: [probe=p").append(i).append("]}\n");
        }
        yaml.append(policies).append(routes).append("default_policy: bench\nintegrations:\n")
                .append("  - {name: bench, type: alertmanager, secret: ").append(SECRET).append("}\n");
        LimbicConfig config = ConfigLoader.parse("bench.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8));
        Gateway gateway = Gateway.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
        databaseDirectory = dataDir;
        Figures measured;
        try {
            RequestOptions request = webhookRequest(gateway.port());
            // Probes go out during the load's warm-up too, but only those sent while it is measured are counted.
            probes.start(request, System.nanoTime() + settings.duration().toNanos() / 4);
            Figures figures = load(client, request, this::webhook);
            Latency underLoad = probes.stop();
            out.printf("webhook -> page received by its channel, during the load: %s%n", underLoad);
            out.printf("escalation caught up with the intake %.1f s after the load ended%n",
                    awaitEscalationCaughtUp(client, gateway.port()) / 1e9);
            if (settings.probesPerSecond() > 0) {
                probes.start(request, System.nanoTime());
                Thread.sleep(Math.max(5_000, settings.duration().toMillis() / 2));
                out.printf("webhook -> page received by its channel, alone:           %s%n", probes.stop());
            }
            out.printf("pages received by the bench responder's channel: %d (bundled under its rate limit)%n",
                    probes.benchPages.get());
            out.flush();
            measured = figures;
        } finally {
            databaseDirectory = null;
            gateway.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            probes.close();
        }
        WorkDirectories.delete(dataDir);
        return measured;
    }

    /**
     * Waits until the gateway has made every escalation decision the load left queued ({@code
     * limbic_escalation_backlog} at 0 twice in a row), so the page latency measured next is not behind that work.
     * Returns the nanoseconds it took.
     */
    private static long awaitEscalationCaughtUp(Vertx client, int port) throws Exception {
        HttpClient http = client.createHttpClient();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        try {
            int zeros = 0;
            while (zeros < 2 && System.nanoTime() < deadline) {
                String text = http.request(HttpMethod.GET, port, "127.0.0.1", "/metrics")
                        .compose(request -> request.send().compose(response -> response.body()))
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).toString();
                zeros = new PrometheusScrape(text).sum("limbic_escalation_backlog") == 0 ? zeros + 1 : 0;
                Thread.sleep(200);
            }
            return System.nanoTime() - start;
        } finally {
            http.close();
        }
    }

    private Figures measureAlertmanager(Vertx client) throws Exception {
        Path dir = Files.createTempDirectory("limbic-bench-alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(ALERTMANAGER_BINARY, "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        Thread kill = new Thread(process::destroyForcibly, "kill alertmanager");
        Figures measured;
        Runtime.getRuntime().addShutdownHook(kill);
        try {
            awaitReady(URI.create("http://127.0.0.1:" + port + "/-/ready"), process);
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(port).setURI("/api/v2/alerts").addHeader("Content-Type", "application/json");
            measured = load(client, request, this::postableAlerts);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Runtime.getRuntime().removeShutdownHook(kill);
        }
        WorkDirectories.delete(dir);
        return measured;
    }

    private static void awaitReady(URI ready, Process process) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Alertmanager exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("Alertmanager not ready within 30 s at " + ready);
    }

    private static RequestOptions webhookRequest(int port) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/v1/intake/alertmanager/bench").addHeader("Authorization", "Bearer " + SECRET)
                .addHeader("Content-Type", "application/json");
    }

    /** A closed loop of {@code connections} requests in flight for a warm-up plus the measured duration. */
    private Figures load(Vertx client, RequestOptions options, LongFunction<Buffer> payload) throws Exception {
        HttpClient http = client.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(settings.connections()));
        Samples samples = new Samples();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long warmUpNanos = settings.duration().toNanos() / 4;
        long start = System.nanoTime();
        long measureFrom = start + warmUpNanos;
        long end = measureFrom + settings.duration().toNanos();
        CountDownLatch done;
        if (settings.alertsPerSecond() == 0) {
            done = new CountDownLatch(settings.connections());
            Loop loop = new Loop(http, options, payload, sequence, samples, failed, measureFrom, end, done);
            for (int c = 0; c < settings.connections(); c++) {
                client.runOnContext(v -> loop.next());
            }
        } else {
            done = new CountDownLatch(settings.connections());
            new Pace(client, http, options, payload, sequence, samples, failed, start, measureFrom, end,
                    1e9 * settings.alertsPerRequest() / settings.alertsPerSecond(), settings.connections(), done)
                    .begin();
        }
        sleepUntil(measureFrom);
        double[] cpuBefore = cpuSeconds();
        sleepUntil(measureFrom + settings.duration().toNanos() / 2);
        String load = loadAverage();
        sleepUntil(end);
        double[] cpuAfter = cpuSeconds();
        done.await(settings.duration().toSeconds() * 2 + 120, TimeUnit.SECONDS);
        http.close();
        long[] sorted = samples.sortedNanos(measureFrom, end);
        int windows = (int) Math.ceil(settings.duration().toSeconds() / (double) WINDOW_SECONDS);
        double[] p99PerWindow = new double[windows];
        for (int w = 0; w < windows; w++) {
            long from = measureFrom + TimeUnit.SECONDS.toNanos((long) w * WINDOW_SECONDS);
            p99PerWindow[w] = quantile(samples.sortedNanos(from, from + TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)),
                    0.99);
        }
        return new Figures((long) sorted.length * settings.alertsPerRequest(), settings.duration().toNanos() / 1e9,
                quantile(sorted, 0.50), quantile(sorted, 0.99), failed.get(), load, cpuAfter[0] - cpuBefore[0],
                cpuAfter[1] - cpuBefore[1], p99PerWindow);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * CPU time used so far by this JVM (load client, bare endpoint, gateway) and by the other processes measured:
     * its children (Alertmanager) and the gateway's embedded PostgreSQL with its backends.
     */
    private double[] cpuSeconds() {
        double children = 0;
        Set<ProcessHandle> processes = new HashSet<>(ProcessHandle.current().descendants().toList());
        Path database = databaseDirectory;
        if (database != null) {
            // The embedded PostgreSQL server daemonizes: find it by its data directory, then its backends.
            ProcessHandle.allProcesses()
                    .filter(process -> process.info().commandLine().map(line -> line.contains(database.toString()))
                            .orElse(false))
                    .forEach(server -> {
                        processes.add(server);
                        server.descendants().forEach(processes::add);
                    });
        }
        for (ProcessHandle process : processes) {
            try {
                children += ProcessUsage.of(process.pid()).cpuSeconds();
            } catch (RuntimeException exited) {
                // gone in between
            }
        }
        return new double[] {ProcessUsage.of(ProcessHandle.current().pid()).cpuSeconds(), children};
    }

    private record Loop(HttpClient http, RequestOptions options, LongFunction<Buffer> payload, AtomicLong sequence,
                        Samples samples, AtomicLong failed, long measureFrom, long end,
                        CountDownLatch done) {
        void next() {
            long sentAt = System.nanoTime();
            if (sentAt >= end) {
                done.countDown();
                return;
            }
            Buffer body = payload.apply(sequence.incrementAndGet());
            Future<Integer> status = http.request(options)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(b -> response.statusCode()));
            status.onComplete(result -> {
                long now = System.nanoTime();
                boolean ok = result.succeeded() && result.result() / 100 == 2;
                if (sentAt >= measureFrom && now <= end) {
                    if (ok) {
                        samples.add(sentAt, now - sentAt);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                next();
            });
        }
    }

    /**
     * Requests sent on a fixed schedule, as wrk2 does: each of the connections sends its share of the rate, the next
     * request when it is due, or at once when the answer to the last one came back late. A request's latency runs
     * from when it was due, so the time a slow answer made the next ones wait counts against the target.
     */
    private record Pace(Vertx vertx, HttpClient http, RequestOptions options, LongFunction<Buffer> payload,
                        AtomicLong sequence, Samples samples, AtomicLong failed, long start,
                        long measureFrom, long end, double nanosPerRequest, int connections, CountDownLatch done) {
        void begin() {
            for (int c = 0; c < connections; c++) {
                int connection = c;
                vertx.runOnContext(v -> next(connection, 0));
            }
        }

        private void next(int connection, long k) {
            long dueAt = start + (long) ((k * connections + connection) * nanosPerRequest);
            if (dueAt >= end) {
                done.countDown();
                return;
            }
            long wait = dueAt - System.nanoTime();
            if (wait > 1_000_000) {
                vertx.setTimer(wait / 1_000_000, id -> send(connection, k, dueAt));
            } else {
                send(connection, k, dueAt);
            }
        }

        private void send(int connection, long k, long dueAt) {
            Buffer body = payload.apply(sequence.incrementAndGet());
            http.request(options).compose(request -> request.send(body))
                    .compose(response -> response.body().map(b -> response.statusCode()))
                    .onComplete(result -> {
                        long now = System.nanoTime();
                        if (dueAt >= measureFrom && dueAt < end) {
                            if (result.succeeded() && result.result() / 100 == 2) {
                                samples.add(dueAt, now - dueAt);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        next(connection, k + 1);
                    });
        }
    }

    /** The 1-, 5- and 15-minute load averages of the machine. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** An Alertmanager 0.25 webhook (version 4) with {@code alertsPerRequest} firing alerts of their own fingerprints. */
    private Buffer webhook(long request) {
        return webhookBodies.body(request);
    }

    private static JsonObject webhook(JsonArray alerts, JsonObject commonLabels) {
        return new JsonObject().put("receiver", "limbic").put("status", "firing").put("alerts", alerts)
                .put("groupLabels", new JsonObject().put("alertname", "HighErrorRate"))
                .put("commonLabels", commonLabels).put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://alertmanager.example.org:9093").put("version", "4")
                .put("groupKey", "{}:{alertname=\"HighErrorRate\"}").put("truncatedAlerts", 0);
    }

    /** The same alerts as Alertmanager's API takes them (a JSON array of postable alerts). */
    private Buffer postableAlerts(long request) {
        return postableBodies.body(request);
    }

    /**
     * The load's request bodies, joined from pieces rendered once, so the load client (which shares the machine with
     * the target) spends little CPU on each: the text around the alerts, and each alert's JSON for the alerts that
     * repeat. New alerts are rendered when they are sent.
     */
    private final class Bodies {
        private final Buffer head;
        private final Buffer tail;
        private final LongFunction<JsonObject> alert;
        private final Buffer[] repeating;

        /** @param around the body with the string {@value #ALERTS} where the alerts go */
        Bodies(String around, LongFunction<JsonObject> alert) {
            String marker = '"' + ALERTS + '"';
            int at = around.indexOf(marker);
            this.head = Buffer.buffer(around.substring(0, at));
            this.tail = Buffer.buffer(around.substring(at + marker.length()));
            this.alert = alert;
            this.repeating = new Buffer[settings.distinctAlerts()];
            for (int n = 0; n < repeating.length; n++) {
                repeating[n] = alert.apply(n).toBuffer();
            }
        }

        Buffer body(long request) {
            Buffer body = Buffer.buffer(head.length() + tail.length() + 512 * settings.alertsPerRequest());
            body.appendBuffer(head);
            for (int i = 0; i < settings.alertsPerRequest(); i++) {
                long n = alertNumber(request, i);
                if (i > 0) {
                    body.appendByte((byte) ',');
                }
                body.appendBuffer(n < repeating.length ? repeating[(int) n] : alert.apply(n).toBuffer());
            }
            return body.appendBuffer(tail);
        }
    }

    /**
     * Which alert the {@code i}th of request {@code request} is: they repeat when distinct alerts are set, except the
     * new ones (numbered past the distinct ones, each only once), spread evenly.
     */
    private long alertNumber(long request, int i) {
        long n = (request - 1) * settings.alertsPerRequest() + i;
        if (settings.distinctAlerts() == 0) {
            return n;
        }
        int perThousand = settings.newAlertsPerThousand();
        if (perThousand > 0 && n % 1000 * perThousand / 1000 != (n % 1000 + 1) * perThousand / 1000) {
            return settings.distinctAlerts() + n;
        }
        return n % settings.distinctAlerts();
    }

    private static JsonObject alert(long n) {
        JsonObject labels = commonLabels().put("instance", "api-" + n + ":8080");
        return new JsonObject().put("labels", labels)
                .put("annotations", new JsonObject().put("summary", "High 5xx rate on api-" + n))
                .put("startsAt", "2026-12-01T09:55:37.39Z")
                .put("generatorURL", "http://prometheus.example.org:9090/graph");
    }

    /**
     * The answers' latencies with when each request was sent (or due), up to {@value #MAX_SAMPLES}; taken on the
     * client's event loops.
     */
    private static final class Samples {
        private final long[] startedAt = new long[MAX_SAMPLES];
        private final long[] nanos = new long[MAX_SAMPLES];
        private final AtomicInteger taken = new AtomicInteger();

        void add(long started, long latencyNanos) {
            int index = taken.getAndIncrement();
            if (index < MAX_SAMPLES) {
                startedAt[index] = started;
                nanos[index] = latencyNanos;
            }
        }

        /** The latencies of the requests started in {@code [from, to)} (System.nanoTime), sorted. */
        long[] sortedNanos(long from, long to) {
            int n = Math.min(taken.get(), MAX_SAMPLES);
            long[] selected = new long[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (startedAt[i] - from >= 0 && startedAt[i] - to < 0) {
                    selected[count++] = nanos[i];
                }
            }
            long[] sorted = Arrays.copyOf(selected, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** The labels every alert of the load has. */
    private static JsonObject commonLabels() {
        return new JsonObject().put("alertname", "HighErrorRate").put("job", "api").put("severity", "warning");
    }

    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1));
        return sorted[index] / 1e6;
    }

    /** Page latency percentiles, and what became of each probe that was not paged. */
    record Latency(int sent, int received, double p50Millis, double p99Millis, double maxMillis,
                   double answeredP50Millis, double answeredP99Millis, List<String> unpaged) {
        @Override
        public String toString() {
            String figures = String.format(Locale.ROOT, "%d of %d probes paged, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                            + " (their webhooks answered: p50 %.1f ms, p99 %.1f ms)", received, sent, p50Millis,
                    p99Millis, maxMillis, answeredP50Millis, answeredP99Millis);
            return unpaged.isEmpty() ? figures : figures + "\n  not paged within 15 s: " + String.join("; ", unpaged);
        }
    }

    /**
     * Probe alerts sent open-loop at {@code probesPerSecond}, each to one of the probe responders, and the channel
     * endpoint that receives their pages (and the bench responder's, which it only counts).
     */
    private final class Probes {
        private final Vertx vertx;
        private final HttpServer server;
        private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        private final Map<Long, Long> latency = new ConcurrentHashMap<>();
        private final Map<Long, Long> answered = new ConcurrentHashMap<>();
        /** The webhook's HTTP status per probe, or why it got none. */
        private final Map<Long, String> outcome = new ConcurrentHashMap<>();
        private final AtomicLong benchPages = new AtomicLong();
        private final AtomicLong sequence = new AtomicLong();
        private HttpClient http;
        private long timer = -1;

        Probes(Vertx vertx) throws Exception {
            this.vertx = vertx;
            this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                long now = System.nanoTime();
                if (request.path().equals("/probe")) {
                    Matcher matcher = PROBE.matcher(body.toString(StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        long probe = Long.parseLong(matcher.group(1));
                        Long sent = sentAt.get(probe);
                        if (sent != null) {
                            latency.putIfAbsent(probe, now - sent);
                        }
                    }
                } else {
                    benchPages.incrementAndGet();
                }
                request.response().end();
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        }

        int port() {
            return server.actualPort();
        }

        /** Sends probes until {@link #stop()}; those sent before {@code countFrom} (System.nanoTime) are not counted. */
        void start(RequestOptions gateway, long countFrom) {
            sentAt.clear();
            latency.clear();
            answered.clear();
            outcome.clear();
            if (settings.probesPerSecond() == 0) {
                return;
            }
            // Enough connections that a probe never queues in this client behind slow answers.
            http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(Math.max(64, settings.probesPerSecond() * 10)));
            timer = vertx.setPeriodic(1000 / settings.probesPerSecond(), id -> {
                long probe = sequence.incrementAndGet();
                JsonObject labels = new JsonObject().put("alertname", "Probe").put("probe", "p" + probe % PROBE_RESPONDERS)
                        .put("severity", "warning");
                JsonObject alert = new JsonObject().put("status", "firing").put("labels", labels)
                        .put("annotations", new JsonObject().put("summary", "probe-" + probe))
                        .put("startsAt", "2026-12-01T09:55:37.39Z").put("endsAt", "0001-01-01T00:00:00Z")
                        .put("fingerprint", "f" + Long.toHexString(System.nanoTime()) + "-" + probe);
                Buffer body = webhook(new JsonArray().add(alert), labels).toBuffer();
                long now = System.nanoTime();
                if (now - countFrom >= 0) {
                    sentAt.put(probe, now);
                }
                http.request(gateway).compose(request -> request.send(body))
                        .compose(response -> response.body().map(answer -> response.statusCode()))
                        .onComplete(status -> {
                            Long sent = sentAt.get(probe);
                            if (sent != null) {
                                answered.put(probe, System.nanoTime() - sent);
                                outcome.put(probe, status.succeeded() ? "HTTP " + status.result()
                                        : status.cause().toString());
                            }
                        });
            });
        }

        Latency stop() throws InterruptedException {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (latency.size() < sentAt.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (http != null) {
                http.close();
                http = null;
            }
            long[] sorted = latency.values().stream().mapToLong(Long::longValue).sorted().toArray();
            long[] answers = answered.values().stream().mapToLong(Long::longValue).sorted().toArray();
            List<String> unpaged = sentAt.keySet().stream().filter(probe -> !latency.containsKey(probe)).sorted()
                    .map(probe -> "probe-" + probe + " (webhook: " + outcome.getOrDefault(probe, "no answer") + ")")
                    .toList();
            return new Latency(sentAt.size(), sorted.length, quantile(sorted, 0.50), quantile(sorted, 0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, quantile(answers, 0.50),
                    quantile(answers, 0.99), unpaged);
        }

        void close() {
            server.close();
        }
    }
}
