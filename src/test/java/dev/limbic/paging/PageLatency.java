package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark: Alertmanager webhook received → first page handed to its channel and received by a local webhook
 * endpoint, over real sockets, with the embedded PostgreSQL (fsync on). Each alert is routed to its own responder,
 * so no per-responder rate limit bundles pages; alerts are sent one every {@code gap} ms (open loop). Prints the
 * latency percentiles. Figures go in notes, never in assertions.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.limbic.paging.PageLatency [alerts=200] [gap ms=20]
 * </pre>
 */
public final class PageLatency {
    private PageLatency() {
    }

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int gapMillis = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dataDir = Files.createTempDirectory("limbic-page-latency");
        Vertx client = Vertx.vertx();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[alerts];
        long[] answered = new long[alerts];
        CountDownLatch paged = new CountDownLatch(alerts);
        int receiverPort = client.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            String responder = request.path().substring(1);
            Long sent = sentAt.remove(responder);
            if (sent != null) {
                latencies[Integer.parseInt(responder.substring(1))] = now - sent;
                paged.countDown();
            }
            request.response().end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();

        StringBuilder yaml = new StringBuilder("server: {host: 127.0.0.1, port: 0}\ndata_dir: " + dataDir + "\nresponders:\n");
        for (int i = 0; i < alerts; i++) {
            yaml.append("  - {id: r").append(i).append(", timezone: UTC, channels: [{type: webhook, url: http://127.0.0.1:")
                    .append(receiverPort).append("/r").append(i).append("}]}\n");
        }
        yaml.append("escalation_policies:\n");
        for (int i = 0; i < alerts; i++) {
            yaml.append("  - {id: p").append(i).append(", steps: [{delay: 30m, targets: [responder:r").append(i).append("]}]}\n");
        }
        yaml.append("routes:\n");
        for (int i = 0; i < alerts; i++) {
            yaml.append("  - {policy: p").append(i).append(", match: [instance=r").append(i).append("]}\n");
        }
        yaml.append("default_policy: p0\nintegrations:\n  - {name: am, type: alertmanager, secret: ")
                .append(PagingFixture.ALERTMANAGER_SECRET).append("}\n");
        LimbicConfig config = ConfigLoader.parse("latency.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8));
        Gateway gateway = Gateway.start(config, Clock.systemUTC(), new VertxOptions(), Gateway.TICK)
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        try {
            HttpClient http = client.createHttpClient(new io.vertx.core.http.HttpClientOptions(),
                    new io.vertx.core.http.PoolOptions().setHttp1MaxSize(alerts));
            for (int i = 0; i < alerts; i++) {
                String body = PagingFixture.alertmanager("firing", "r" + i, "latency " + i).encode();
                int n = i;
                long sent = System.nanoTime();
                sentAt.put("r" + i, sent);
                http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gateway.port())
                                .setURI("/v1/intake/alertmanager/am")
                                .addHeader("Authorization", "Bearer " + PagingFixture.ALERTMANAGER_SECRET)
                                .addHeader("Content-Type", "application/json"))
                        .compose(request -> request.send(body)).onSuccess(response -> {
                            if (response.statusCode() / 100 == 2) {
                                answered[n] = System.nanoTime() - sent;
                            }
                        });
                Thread.sleep(gapMillis);
            }
            if (!paged.await(60, TimeUnit.SECONDS)) {
                System.out.println("only " + (alerts - paged.getCount()) + " of " + alerts + " pages arrived");
            }
            int warmUp = alerts / 10;
            long[] measured = Arrays.stream(latencies, warmUp, alerts).filter(l -> l > 0).sorted().toArray();
            System.out.printf("webhook -> page received: %d pages measured after %d warm-up alerts, p50 %.1f ms,"
                            + " p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", measured.length, warmUp,
                    ms(measured, 0.50), ms(measured, 0.90), ms(measured, 0.99), measured[measured.length - 1] / 1e6);
            long[] commits = Arrays.stream(answered, warmUp, alerts).filter(l -> l > 0).sorted().toArray();
            System.out.printf("webhook -> 2xx (committed): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                    ms(commits, 0.50), ms(commits, 0.90), ms(commits, 0.99));
        } finally {
            gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            client.close();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
