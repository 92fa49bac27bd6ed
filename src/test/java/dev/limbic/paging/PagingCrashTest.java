package dev.limbic.paging;

import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code limbic serve} in a child JVM, killed with SIGKILL while webhooks arrive: after a restart on the same data
 * directory every webhook it answered 2xx is an incident, and every such incident's escalation goes on to its
 * second step.
 */
@Timeout(300)
class PagingCrashTest {
    private static final int WEBHOOKS = 60;
    private static final int KILL_AFTER_ANSWERS = 20;

    @TempDir
    Path dir;

    private final Vertx client = Vertx.vertx();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Await.result(client.close());
    }

    @Test
    void everyAnsweredWebhookSurvivesSigkillAndItsEscalationContinues() throws Exception {
        PageReceiver receiver = PageReceiver.start(client);
        int port = freePort();
        String base = "http://127.0.0.1:" + receiver.port();
        Path config = dir.resolve("limbic.yaml");
        Files.writeString(config, PagingFixture.config(dir.resolve("data"), base + "/alex", base + "/sam", port)
                .replace("- {delay: 5m, targets: [responder:alex]}", "- {delay: 3s, targets: [responder:alex]}"));

        Process first = serve(config, "first");
        HttpClient http = client.createHttpClient();
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ANSWERS);
        for (int i = 0; i < WEBHOOKS; i++) {
            int n = i;
            JsonObject body = PagingFixture.alertmanager("firing", "fp-crash-" + n, "crash-" + n);
            http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                            .setURI("/v1/intake/alertmanager/am")
                            .addHeader("Authorization", "Bearer " + PagingFixture.ALERTMANAGER_SECRET)
                            .addHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(body.encode()))
                    .onSuccess(response -> {
                        if (response.statusCode() / 100 == 2) {
                            answered.add(n);
                            enough.countDown();
                        }
                    });
        }
        assertThat(enough.await(60, TimeUnit.SECONDS)).as("the gateway answers webhooks").isTrue();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<Integer> committed = Set.copyOf(answered);
        assertThat(committed).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ANSWERS);

        serve(config, "second");
        HttpProbe api = new HttpProbe(client, port);
        Map<String, Long> incidents = new HashMap<>();
        JsonArray list = new JsonObject(api.send(HttpMethod.GET, "/v1/incidents?limit=1000",
                Map.of("Authorization", "Bearer " + PagingFixture.ALEX_TOKEN), null).body()).getJsonArray("incidents");
        list.forEach(item -> incidents.put(((JsonObject) item).getString("summary"), ((JsonObject) item).getLong("id")));
        for (int n : committed) {
            assertThat(incidents).as("answered 2xx before the kill: crash-%d", n).containsKey("crash-" + n);
        }
        assertThat(incidents).as("no webhook became two incidents").hasSizeLessThanOrEqualTo(WEBHOOKS);

        for (int n : committed) {
            long id = incidents.get("crash-" + n);
            Await.until(() -> {
                JsonObject detail = new JsonObject(api.send(HttpMethod.GET, "/v1/incidents/" + id,
                        Map.of("Authorization", "Bearer " + PagingFixture.ALEX_TOKEN), null).body());
                assertThat(detail.getJsonArray("notifications").stream()
                        .map(page -> ((JsonObject) page).getString("responder")).toList())
                        .as("incident %d (crash-%d) escalated to step 2 after the restart", id, n)
                        .contains("alex", "sam");
            });
        }
    }

    /** Starts {@code limbic serve} on {@code config} and waits until it listens. */
    private Process serve(Path config, String name) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.limbic.cli.LimbicCommand", "serve",
                "-c", config.toString())
                .redirectError(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("Limbic listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "limbic-serve-" + name);
        reader.setDaemon(true);
        reader.start();
        assertThat(listening.await(120, TimeUnit.SECONDS)).as("limbic serve (%s) listens; log in %s", name,
                dir.resolve(name + ".log")).isTrue();
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
