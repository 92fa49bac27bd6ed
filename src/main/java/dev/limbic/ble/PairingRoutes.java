package dev.limbic.ble;

import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.config.SecretDigest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.Optional;

/**
 * The pairings API, for responders pairing their own straps (every request carries the responder's
 * {@code live_token} as {@code Authorization: Bearer <token>}), the HTTP twin of {@code limbic pair}/{@code unpair}:
 * <ul>
 *   <li>{@code GET /v1/bluetooth/pairings}: the caller's pairings;</li>
 *   <li>{@code PUT /v1/bluetooth/pairings/{address}}: binds the strap to the caller (who must have opted in to
 *       heart-rate monitoring), 200 with the pairing;</li>
 *   <li>{@code DELETE /v1/bluetooth/pairings/{address}}: forgets the caller's strap, 204.</li>
 * </ul>
 * Errors: 401 without a valid token, 400 a malformed address, 403 a responder who has not opted in, 404 a strap not
 * paired to the caller, 409 a strap paired to someone else. Each change is handed to the running gateway's Bluetooth
 * source at once (a new strap is linked, an unpaired one disconnected). File work runs off the event loop.
 */
public final class PairingRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PairingRoutes.class);
    static final String PATH = "/v1/bluetooth/pairings";

    private final LimbicConfig config;
    private final PairingStore store;
    private final Clock clock;
    private final PairingSync sync;

    /** Routes whose changes only reach the store (a gateway links them at its next start). */
    public PairingRoutes(LimbicConfig config, PairingStore store, Clock clock) {
        this(config, store, clock, null);
    }

    /** Routes whose changes reach the running Bluetooth source through {@code sync} as well. */
    public PairingRoutes(LimbicConfig config, PairingSync sync, Clock clock) {
        this(config, sync.store(), clock, sync);
    }

    private PairingRoutes(LimbicConfig config, PairingStore store, Clock clock, PairingSync sync) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.sync = sync;
    }

    /** After a change of the store: hands it to the running source (on the worker thread doing the change). */
    private void changed() {
        if (sync != null) {
            try {
                sync.sync();
            } catch (java.io.IOException e) {
                LOG.warn("Pairing stored, but not handed to the Bluetooth source yet (the next poll tries again): {}",
                        e.getMessage());
            }
        }
    }

    public void mount(Router router) {
        router.route(PATH + "*").handler(this::authenticate);
        router.get(PATH).handler(this::list);
        router.put(PATH + "/:address").handler(this::pair);
        router.delete(PATH + "/:address").handler(this::unpair);
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        Optional<ResponderConfig> responder = token.isEmpty() ? Optional.empty() : config.responders().stream()
                .filter(r -> r.liveToken().map(SecretDigest.of(token)::equals).orElse(false)).findFirst();
        if (responder.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            error(ctx, 401, token.isEmpty() ? "Authorization: a responder's live token is required as a bearer token"
                    : "Authorization: not a responder's live token");
            return;
        }
        ctx.put("responder", responder.get());
        ctx.next();
    }

    private void list(RoutingContext ctx) {
        String responder = ctx.<ResponderConfig>get("responder").id();
        ctx.vertx().executeBlocking(() -> {
            JsonArray mine = new JsonArray();
            store.all().stream().filter(p -> p.responder().equals(responder)).map(PairingRoutes::json).forEach(mine::add);
            return mine;
        }).onSuccess(mine -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(mine.encode()))
                .onFailure(failure -> error(ctx, 500, "pairings cannot be read"));
    }

    private void pair(RoutingContext ctx) {
        ResponderConfig responder = ctx.get("responder");
        String address;
        try {
            address = BluetoothAddress.parse(ctx.pathParam("address"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "address: " + e.getMessage());
            return;
        }
        if (!responder.heartRateMonitoring()) {
            error(ctx, 403, "responder '" + responder.id() + "' has not opted in to heart-rate monitoring");
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            boolean taken = store.all().stream()
                    .anyMatch(p -> p.address().equals(address) && !p.responder().equals(responder.id()));
            if (taken) {
                return null;
            }
            Pairing pairing = store.pair(address, responder.id(), clock.instant());
            changed();
            return pairing;
        }).onSuccess(pairing -> {
            if (pairing == null) {
                error(ctx, 409, "address: " + address + " is paired to another responder (unpair it there first)");
            } else {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json(pairing).encode());
            }
        }).onFailure(failure -> error(ctx, 500, "the pairing cannot be stored"));
    }

    private void unpair(RoutingContext ctx) {
        String responder = ctx.<ResponderConfig>get("responder").id();
        String address;
        try {
            address = BluetoothAddress.parse(ctx.pathParam("address"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "address: " + e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            boolean mine = store.all().stream().anyMatch(p -> p.address().equals(address) && p.responder().equals(responder));
            boolean removed = mine && store.unpair(address).isPresent();
            if (removed) {
                changed();
            }
            return removed;
        }).onSuccess(removed -> {
            if (removed) {
                ctx.response().setStatusCode(204).end();
            } else {
                error(ctx, 404, "address: " + address + " is not paired to responder '" + responder + "'");
            }
        }).onFailure(failure -> error(ctx, 500, "the pairing cannot be removed"));
    }

    private static JsonObject json(Pairing pairing) {
        return new JsonObject().put("address", pairing.address()).put("responder", pairing.responder())
                .put("paired_at", pairing.pairedAt().toString());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
