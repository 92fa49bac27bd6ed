package dev.limbic.app;

import dev.limbic.ble.PairingRoutes;
import dev.limbic.ingest.DeviceStreamEndpoint;
import dev.limbic.ingest.FrameIngest;
import dev.limbic.ingest.SampleBatchEndpoint;
import dev.limbic.web.OversizedBodies;
import dev.limbic.web.ResponderPageAssets;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server of the gateway, on one event loop. The gateway deploys one per event loop, all sharing
 * the port (Vert.x spreads connections over them); each has its own {@link FrameIngest}, so the hot path
 * never crosses threads.
 */
final class GatewayVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    private final GatewayServices services;
    private final int port;

    GatewayVerticle(GatewayServices services, int port) {
        this.services = services;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        FrameIngest ingest = new FrameIngest(services.monitor(), services.metrics(), services.clock());
        Router router = Router.router(vertx);
        router.get(DeviceStreamEndpoint.PATH).handler(new DeviceStreamEndpoint(services.devices(), ingest));
        new SampleBatchEndpoint(services.devices(), ingest).mount(router);
        services.paging().ifPresent(paging -> paging.mount(router,
                new StressSignals(services.config(), services.monitor(), services.clock(),
                        responder -> services.pairings().source().map(source -> source.batteryPercent(responder))
                                .orElse(java.util.OptionalInt.empty()))));
        new ResponderPageAssets(vertx).mount(router);
        new PairingRoutes(services.config(), services.pairings(), services.clock()).mount(router);
        router.get("/metrics").handler(services.registry().scrapeHandler());
        router.get("/health/live").handler(ctx -> health(ctx, true));
        router.get("/health/ready").handler(ctx -> health(ctx, services.ready()));
        router.errorHandler(413, ctx -> {
            OversizedBodies.drain(ctx);
            error(ctx, 413,
                    "body: larger than " + SampleBatchEndpoint.MAX_BODY_BYTES + " bytes");
        });
        HttpServerOptions options = new HttpServerOptions()
                .setHost(services.config().server().host())
                .setPort(port)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(router)
                .exceptionHandler(failure -> LOG.debug("connection failed", failure))
                .listen();
    }

    private static void health(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
