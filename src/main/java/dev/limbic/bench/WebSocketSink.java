package dev.limbic.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bare Vert.x WebSocket server the gateway is measured against: it accepts device streams on any path
 * with any credentials and counts their binary messages, nothing more (no decoding, no detection, no
 * metrics registry). {@code GET /metrics} answers the count as {@value #FRAMES_METRIC}, so the bench reads
 * both servers the same way. Deployed like the gateway: native transport, one server instance per event loop.
 */
public final class WebSocketSink extends VerticleBase {
    /** The counter of binary messages received, in the Prometheus text of {@code GET /metrics}. */
    public static final String FRAMES_METRIC = "bench_sink_frames_received_total";

    private final int port;
    private final LongAdder frames;

    private WebSocketSink(int port, LongAdder frames) {
        this.port = port;
        this.frames = frames;
    }

    /** Deploys {@code instances} sink servers sharing {@code port}; the future completes when they listen. */
    public static Future<String> deploy(Vertx vertx, int port, int instances) {
        LongAdder frames = new LongAdder();
        return vertx.deployVerticle(() -> new WebSocketSink(port, frames), new DeploymentOptions().setInstances(instances));
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                .webSocketHandler(ws -> ws.binaryMessageHandler(message -> frames.increment()))
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4")
                        .end("# TYPE " + FRAMES_METRIC + " counter\n" + FRAMES_METRIC + " " + frames.sum() + "\n"))
                .listen();
    }
}
