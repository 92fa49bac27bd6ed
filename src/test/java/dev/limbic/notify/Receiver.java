package dev.limbic.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP receiver on a random port that records every request and answers with scripted responses
 * (the last one repeats): a status with headers, or no answer at all.
 */
final class Receiver {
    /** A request as received. */
    record Received(String method, String path, MultiMap headers, String body) {
    }

    /** How to answer one request. */
    record Reply(int status, MultiMap headers, boolean silent) {
        static Reply status(int status) {
            return new Reply(status, MultiMap.caseInsensitiveMultiMap(), false);
        }

        static Reply status(int status, String header, String value) {
            return new Reply(status, MultiMap.caseInsensitiveMultiMap().add(header, value), false);
        }

        static Reply noAnswer() {
            return new Reply(0, MultiMap.caseInsensitiveMultiMap(), true);
        }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private HttpServer server;

    private Receiver(Reply... script) {
        replies.addAll(java.util.List.of(script));
    }

    /** Starts a receiver answering with {@code script}, one reply per request, the last one repeating. */
    static Receiver start(Vertx vertx, Reply... script) throws Exception {
        Receiver receiver = new Receiver(script);
        receiver.server = await(vertx.createHttpServer().requestHandler(receiver::handle).listen(0));
        return receiver;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.path(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString("UTF-8")));
            Reply reply;
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.poll() : replies.peek();
            }
            if (reply.silent()) {
                return;
            }
            request.response().headers().addAll(reply.headers());
            request.response().setStatusCode(reply.status()).end(Buffer.buffer("{}"));
        });
    }

    String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    /** The next request, waiting up to ten seconds for it. */
    Received next() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived at " + url("/"));
        }
        return request;
    }

    /** How many requests have arrived and not been taken with {@link #next()}. */
    int waiting() {
        return received.size();
    }

    void close() throws Exception {
        await(server.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
