package dev.limbic.paging;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import dev.limbic.testing.Await;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A local webhook channel endpoint: records every page POSTed to it (path and JSON body) and answers 200. */
final class PageReceiver {
    /** One page as received. */
    record Received(String path, JsonObject body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer server;

    static PageReceiver start(Vertx vertx) throws Exception {
        PageReceiver receiver = new PageReceiver();
        receiver.server = Await.result(vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
                    receiver.received.add(new Received(request.path(), body.toJsonObject()));
                    request.response().setStatusCode(200).end("{}");
                })).listen(0, "127.0.0.1"));
        return receiver;
    }

    int port() {
        return server.actualPort();
    }

    /** The next page, waiting up to 15 seconds. */
    Received next() throws InterruptedException {
        Received page = received.poll(15, TimeUnit.SECONDS);
        if (page == null) {
            throw new AssertionError("no page arrived");
        }
        return page;
    }

    /** The next page if one arrives within {@code millis}. */
    Received poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }
}
