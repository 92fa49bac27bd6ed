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

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code limbic bench intake}: Alertmanager webhooks (version 4, one alert each, distinct fingerprints) POSTed by
 * a closed-loop client over loopback, first at a bare Vert.x endpoint that only parses the same JSON with Jackson and
 * answers 200, then at the gateway (durable intake into an embedded PostgreSQL with fsync on, routing, and the
 * escalation runtime paging for every new incident). Prints alerts per second, p50 and p99 of the answer, and the
 * gateway's share of the bare endpoint. Servers and client share this JVM and the machine's cores.
 */
public final class IntakeBench {
    private static final String SECRET = "bench-alertmanager-secret-0001";
    private static final int MAX_SAMPLES = 4_000_000;

    private final Duration duration;
    private final int connections;
    private final PrintWriter out;

    /**
     * @param duration    how long each target is measured (after a warm-up of a quarter of it)
     * @param connections requests in flight at once
     */
    public IntakeBench(Duration duration, int connections, PrintWriter out) {
        this.duration = duration;
        this.connections = connections;
        this.out = out;
    }

    /** One target's figures. */
    record Figures(long alerts, double seconds, double p50Millis, double p99Millis, long failed) {
        double perSecond() {
            return alerts / seconds;
        }
    }

    /** Runs both targets and prints the figures. */
    public void run() throws Exception {
        Vertx client = Vertx.vertx();
        try {
            Figures bare = measureBare(client);
            print("bare Vert.x + Jackson parse", bare);
            Figures gateway = measureGateway(client);
            print("gateway (durable intake + paging)", gateway);
            out.printf("gateway / bare: %.2f of the alerts/s; p99 %.1f ms vs %.1f ms%n",
                    gateway.perSecond() / bare.perSecond(), gateway.p99Millis(), bare.p99Millis());
            out.flush();
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private void print(String name, Figures f) {
        out.printf("%-36s %9.0f alerts/s   p50 %7.1f ms   p99 %7.1f ms   failed %d%n", name, f.perSecond(),
                f.p50Millis(), f.p99Millis(), f.failed());
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
            return load(client, http.actualPort(), "/v1/intake/alertmanager/bench");
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Figures measureGateway(Vertx client) throws Exception {
        Path dataDir = Files.createTempDirectory("limbic-bench-intake");
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders:
                  - {id: bench, timezone: UTC}
                escalation_policies:
                  - {id: bench, steps: [{delay: 30m, targets: [responder:bench]}]}
                default_policy: bench
                integrations:
                  - {name: bench, type: alertmanager, secret: %s}
                """.formatted(dataDir, SECRET);
        LimbicConfig config = ConfigLoader.parse("bench.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Gateway gateway = Gateway.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
        try {
            return load(client, gateway.port(), "/v1/intake/alertmanager/bench");
        } finally {
            gateway.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /** A closed loop of {@link #connections} requests in flight for a warm-up plus {@link #duration}. */
    private Figures load(Vertx client, int port, String path) throws Exception {
        HttpClient http = client.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        long[] samples = new long[MAX_SAMPLES];
        AtomicInteger taken = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long warmUpNanos = duration.toNanos() / 4;
        long start = System.nanoTime();
        long measureFrom = start + warmUpNanos;
        long end = measureFrom + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path).addHeader("Authorization", "Bearer " + SECRET)
                .addHeader("Content-Type", "application/json");
        for (int c = 0; c < connections; c++) {
            client.runOnContext(v -> next(http, options, sequence, samples, taken, failed, measureFrom, end, done));
        }
        done.await(duration.toSeconds() * 2 + 120, TimeUnit.SECONDS);
        http.close();
        int n = Math.min(taken.get(), MAX_SAMPLES);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Figures(n, duration.toNanos() / 1e9, quantile(sorted, 0.50), quantile(sorted, 0.99), failed.get());
    }

    private void next(HttpClient http, RequestOptions options, AtomicLong sequence, long[] samples,
                      AtomicInteger taken, AtomicLong failed, long measureFrom, long end, CountDownLatch done) {
        long sentAt = System.nanoTime();
        if (sentAt >= end) {
            done.countDown();
            return;
        }
        Buffer body = payload(sequence.incrementAndGet());
        Future<Integer> status = http.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode()));
        status.onComplete(result -> {
            long now = System.nanoTime();
            boolean ok = result.succeeded() && result.result() / 100 == 2;
            if (sentAt >= measureFrom && now <= end) {
                if (ok) {
                    int index = taken.getAndIncrement();
                    if (index < MAX_SAMPLES) {
                        samples[index] = now - sentAt;
                    }
                } else {
                    failed.incrementAndGet();
                }
            }
            next(http, options, sequence, samples, taken, failed, measureFrom, end, done);
        });
    }

    /** An Alertmanager 0.25 webhook with one firing alert of its own fingerprint. */
    static Buffer payload(long n) {
        String fingerprint = Long.toHexString(0x1000_0000_0000L + n);
        JsonObject labels = new JsonObject().put("alertname", "HighErrorRate").put("instance", "api-" + n + ":8080")
                .put("job", "api").put("severity", "warning");
        JsonObject alert = new JsonObject().put("status", "firing").put("labels", labels)
                .put("annotations", new JsonObject().put("summary", "High 5xx rate on api-" + n))
                .put("startsAt", "2026-12-01T09:55:37.39Z").put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus.example.org:9090/graph").put("fingerprint", fingerprint);
        return new JsonObject().put("receiver", "limbic").put("status", "firing").put("alerts", new JsonArray().add(alert))
                .put("groupLabels", new JsonObject().put("alertname", "HighErrorRate"))
                .put("commonLabels", labels).put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://alertmanager.example.org:9093").put("version", "4")
                .put("groupKey", "{}:{alertname=\"HighErrorRate\"}").put("truncatedAlerts", 0).toBuffer();
    }

    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1));
        return sorted[index] / 1e6;
    }
}
