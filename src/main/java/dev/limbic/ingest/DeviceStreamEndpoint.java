package dev.limbic.ingest;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/devices/stream}: upgrades an authenticated, consented device's request to a WebSocket
 * carrying binary relay frames. A missing or wrong token gets 401 and a device of a responder who did not
 * opt in gets 403, both before the upgrade, so nothing of theirs is processed; a request that is not a
 * WebSocket upgrade gets 426.
 */
public final class DeviceStreamEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStreamEndpoint.class);
    public static final String PATH = "/v1/devices/stream";

    private final DeviceAccess access;
    private final FrameIngest ingest;

    /** @param ingest the hot path of the event loop this endpoint's server runs on */
    public DeviceStreamEndpoint(DeviceDirectory directory, FrameIngest ingest) {
        this.access = new DeviceAccess(directory);
        this.ingest = ingest;
    }

    @Override
    public void handle(RoutingContext ctx) {
        AuthenticatedDevice device = access.check(ctx);
        if (device == null) {
            return;
        }
        HttpServerRequest request = ctx.request();
        if (!request.canUpgradeToWebSocket()) {
            ctx.response().putHeader(HttpHeaders.UPGRADE, "websocket").putHeader(HttpHeaders.CONNECTION, "Upgrade");
            DeviceAccess.error(ctx, 426, "this endpoint speaks WebSocket only (binary relay frames)");
            return;
        }
        request.toWebSocket()
                .onSuccess(socket -> DeviceStream.open(socket, device, ingest))
                .onFailure(failure -> LOG.warn("device {}: WebSocket upgrade failed: {}", device.deviceId(), failure.toString()));
    }
}
