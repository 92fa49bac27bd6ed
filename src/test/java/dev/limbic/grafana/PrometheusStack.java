package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limbic.demo.Demo;
import dev.limbic.testing.Await;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * {@code limbic demo} in this JVM with a real Prometheus scraping it and a real Alertmanager whose receiver is it,
 * all on free ports, each program started from the repo's own files in {@code grafana/prometheus}:
 * <ul>
 *   <li>{@code prometheus.yml} with only the intervals (1 s), the Alertmanager's and Limbic's addresses changed;</li>
 *   <li>{@code limbic-rules.yml} with only {@code LimbicHeartRateIngestStopped}'s one-minute window and one-minute
 *       {@code for:} shortened to {@value #INGEST_WINDOW} and {@value #INGEST_FOR}, so it fires seconds after the
 *       straps stop instead of two minutes;</li>
 *   <li>{@code alertmanager.yml} with only Limbic's address changed (same receiver, same bearer secret).</li>
 * </ul>
 * Each replacement must match exactly once, so a change to those files fails here rather than going unnoticed.
 * The programs' logs are kept in the working directory and shown when something does not come up.
 */
final class PrometheusStack {
    static final ExternalCommand PROMETHEUS = new ExternalCommand("prometheus", "the Debian package `prometheus`");
    static final ExternalCommand ALERTMANAGER = new ExternalCommand("prometheus-alertmanager",
            "the Debian package `prometheus-alertmanager`");
    static final ExternalCommand PROMTOOL = new ExternalCommand("promtool", "the Debian package `prometheus`");
    static final Path CONFIG = Path.of("grafana", "prometheus").toAbsolutePath();
    /** The test copy's rate window and {@code for:} of {@code LimbicHeartRateIngestStopped}. */
    static final String INGEST_WINDOW = "5s";
    static final String INGEST_FOR = "2s";
    /** The scrape and evaluation interval of the test copy of prometheus.yml. */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private Demo demo;
    private PrintWriter demoOut;
    private int prometheusPort;
    private int alertmanagerPort;
    private Instant startedAt;

    private PrometheusStack(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts the demo at {@code speed} times real time, Alertmanager and Prometheus, and returns once Prometheus
     * has scraped Limbic. Fails (never skips) when a program is not installed.
     */
    static PrometheusStack start(Path dir, double speed) throws Exception {
        Path prometheus = PROMETHEUS.require();
        Path alertmanager = ALERTMANAGER.require();
        PROMTOOL.require();
        PrometheusStack stack = new PrometheusStack(dir);
        try {
            stack.startAll(prometheus, alertmanager, speed);
            return stack;
        } catch (Throwable e) {
            stack.stop();
            throw e;
        }
    }

    private void startAll(Path prometheus, Path alertmanager, double speed) throws Exception {
        demoOut = new PrintWriter(Files.newBufferedWriter(dir.resolve("demo.log")), true);
        demo = Await.result(Demo.start(0, speed, demoOut), 60);
        prometheusPort = freePort();
        alertmanagerPort = freePort();

        String limbic = "127.0.0.1:" + demo.port();
        Files.writeString(dir.resolve("alertmanager.yml"), replaceOnce(read("alertmanager.yml"),
                "http://localhost:8080/", "http://" + limbic + "/"));
        String rules = read("limbic-rules.yml");
        int ingest = rules.indexOf("- alert: LimbicHeartRateIngestStopped");
        int next = rules.indexOf("- alert:", ingest + 1);
        String ingestRule = replaceOnce(replaceOnce(rules.substring(ingest, next),
                "rate(limbic_frames_ingested_total[1m])", "rate(limbic_frames_ingested_total[" + INGEST_WINDOW + "])"),
                "for: 1m", "for: " + INGEST_FOR);
        Files.writeString(dir.resolve("limbic-rules.yml"), rules.substring(0, ingest) + ingestRule + rules.substring(next));
        String config = read("prometheus.yml");
        config = replaceOnce(config, "scrape_interval: 15s", "scrape_interval: " + SCRAPE_INTERVAL.toSeconds() + "s");
        config = replaceOnce(config, "evaluation_interval: 15s", "evaluation_interval: " + SCRAPE_INTERVAL.toSeconds() + "s");
        config = replaceOnce(config, "'localhost:9093'", "'127.0.0.1:" + alertmanagerPort + "'");
        config = replaceOnce(config, "'localhost:8080'", "'" + limbic + "'");
        Files.writeString(dir.resolve("prometheus.yml"), config);

        start("alertmanager", alertmanager.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=");
        start("prometheus", prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        startedAt = Instant.now();
        awaitUp("Alertmanager", () -> status(alertmanagerUrl("/-/ready")) == 200);
        awaitUp("Prometheus", () -> status(prometheusUrl("/-/ready")) == 200);
        awaitUp("Prometheus scraping Limbic", () -> query("up{job=\"limbic\"} == 1").size() == 1);
    }

    private static String read(String file) throws IOException {
        return Files.readString(CONFIG.resolve(file));
    }

    /** {@code text} with {@code what} replaced, which must occur exactly once. */
    static String replaceOnce(String text, String what, String with) {
        int at = text.indexOf(what);
        if (at < 0 || text.indexOf(what, at + 1) >= 0) {
            fail("expected `" + what + "` exactly once in a file of grafana/prometheus (the end-to-end test changes"
                    + " only that); it occurs " + (at < 0 ? "nowhere" : "more than once"));
        }
        return text.substring(0, at) + with + text.substring(at + what.length());
    }

    private void start(String name, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void awaitUp(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    fail(process.info().command().orElse("a program") + " exited with " + process.exitValue()
                            + "\n" + logs());
                }
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        fail(what + " not up within " + START_LIMIT.toSeconds() + " s (last error: " + last + ")\n" + logs());
    }

    /** The last lines of every program's log, for failure messages. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("demo", "prometheus", "alertmanager")) {
            Path log = dir.resolve(name + ".log");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                text.append("--- ").append(name).append(".log (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> text.append(l).append('\n'));
            } catch (IOException e) {
                text.append("--- ").append(name).append(".log unreadable: ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Demo demo() {
        return demo;
    }

    Instant startedAt() {
        return startedAt;
    }

    Path dir() {
        return dir;
    }

    String limbicUrl(String path) {
        return "http://127.0.0.1:" + demo.port() + path;
    }

    String prometheusUrl(String path) {
        return "http://127.0.0.1:" + prometheusPort + path;
    }

    String alertmanagerUrl(String path) {
        return "http://127.0.0.1:" + alertmanagerPort + path;
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GETs {@code url} with an optional bearer token; returns status and body. */
    HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON {@code body} to {@code url} with an optional bearer token; returns status and body. */
    HttpResponse<String> post(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String text) throws IOException {
        return json.readTree(text);
    }

    ObjectMapper mapper() {
        return json;
    }

    /** An instant query's result vector; fails with Prometheus's error when the query does not run. */
    JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + encode(promql), promql).path("result");
    }

    /** A range query's result matrix; fails with Prometheus's error when the query does not run. */
    JsonNode queryRange(String promql, Instant start, Instant end, Duration step) throws Exception {
        return api("/api/v1/query_range?query=" + encode(promql) + "&start=" + start.getEpochSecond() + "&end="
                + end.getEpochSecond() + "&step=" + step.toSeconds(), promql).path("result");
    }

    /** Prometheus's alerts now (pending and firing). */
    JsonNode alerts() throws Exception {
        return api("/api/v1/alerts", "alerts").path("alerts");
    }

    private JsonNode api(String pathAndQuery, String what) throws Exception {
        HttpResponse<String> response = get(prometheusUrl(pathAndQuery), null);
        JsonNode body = json(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            fail("Prometheus refused `" + what + "`: " + response.statusCode() + " " + body.path("errorType").asText()
                    + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Polls {@code value} until {@code done} accepts it, failing with {@code what} and the logs after {@code limit}. */
    <T> T awaitValue(String what, Duration limit, Callable<T> value, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail(what + " did not happen within " + limit.toSeconds() + " s; last seen: " + last + "\n" + logs());
    }

    /** A value to poll. */
    interface Callable<T> {
        T call() throws Exception;
    }

    /** Stops Prometheus, Alertmanager and the demo. */
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (demo != null) {
            Await.result(demo.close(), 30);
        }
        if (demoOut != null) {
            demoOut.close();
        }
    }
}
