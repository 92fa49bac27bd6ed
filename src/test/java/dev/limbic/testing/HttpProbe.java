package dev.limbic.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.Map;

/** A small HTTP client for tests: one request, the status and body back. */
public final class HttpProbe {
    private final HttpClient client;
    private final int port;

    public HttpProbe(Vertx vertx, int port) {
        this(vertx.createHttpClient(), port);
    }

    /** A probe sending through {@code client} (one of its own, or one that is shared). */
    public HttpProbe(HttpClient client, int port) {
        this.client = client;
        this.port = port;
    }

    public Response get(String path) throws Exception {
        return send(HttpMethod.GET, path, Map.of(), null);
    }

    public Response send(HttpMethod method, String path, Map<String, String> headers, Buffer body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
        headers.forEach(options::addHeader);
        // The body is asked for inside the request's callback, which runs on the client's event loop before that
        // loop can read the answer. Chained one step further out, that step would be attached by this thread, and a
        // thread descheduled between the two steps attaches it after the answer has arrived: Vert.x 5.0.7 drops a
        // response's data and end when nothing reads them yet (vert.x#5904, #6038), and the request hangs.
        return Await.result(client.request(options)
                .compose(request -> (body == null ? request.send() : request.send(body))
                        .compose(response -> response.body().map(b -> new Response(response.statusCode(), b.toString())))));
    }

    /** The value of one sample of the Prometheus text from {@code /metrics}, e.g. {@code limbic_responders{state="ACUTE"}}. */
    public double metric(String series) throws Exception {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /metrics");
    }

    /** Status and body of one response. */
    public record Response(int status, String body) {
    }
}
