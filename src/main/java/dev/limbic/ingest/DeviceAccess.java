package dev.limbic.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Authenticates a device request and checks its responder's consent, answering 401 or 403 itself. */
final class DeviceAccess {
    private final DeviceDirectory directory;

    DeviceAccess(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** The device allowed to send this request, or {@code null} after answering 401 or 403. */
    AuthenticatedDevice check(RoutingContext ctx) {
        AuthenticatedDevice device = directory.authenticate(BearerToken.from(ctx.request()));
        if (device == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, "missing or wrong device token");
            return null;
        }
        if (!device.consented()) {
            error(ctx, 403, "responder '" + device.responderId() + "' has not opted in to heart-rate monitoring");
            return null;
        }
        return device;
    }

    /** Answers {@code status} with {@code {"error": message}}. */
    static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
