package dev.limbic.paging;

import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.config.SecretDigest;
import dev.limbic.web.ResponderSigner;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who a responder request comes from: its bearer token is either the responder's {@code live_token} or a responder
 * page session ({@link ResponderSigner}) of a responder still in the configuration. The responder's id goes into
 * the routing context as {@value #RESPONDER}; anything else is answered 401.
 */
final class ResponderAuthenticator {
    /** The routing-context key of the authenticated responder's id. */
    static final String RESPONDER = "responder";

    private final Supplier<LimbicConfig> config;
    private final ResponderSigner signer;

    ResponderAuthenticator(Supplier<LimbicConfig> config, ResponderSigner signer) {
        this.config = config;
        this.signer = signer;
    }

    /** The responder a presented token (live token or session) belongs to. */
    Optional<ResponderConfig> responder(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (ResponderSigner.isSession(token)) {
            return signer.verifySession(token).flatMap(claims -> config.get().responder(claims.responder()));
        }
        SecretDigest presented = SecretDigest.of(token);
        return config.get().responders().stream()
                .filter(r -> r.liveToken().map(presented::equals).orElse(false)).findFirst();
    }

    /** The configured responder {@code id}, if there still is one. */
    Optional<ResponderConfig> responderById(String id) {
        return config.get().responder(id);
    }

    /** Whether {@code token} authenticates {@code responderId}. */
    boolean matches(String responderId, String token) {
        return responder(token).map(r -> r.id().equals(responderId)).orElse(false);
    }

    /** A route handler: puts the responder into the context and goes on, or answers 401. */
    void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (token.isEmpty()) {
            unauthorized(ctx, "Authorization: a responder's live token or page session is required as a bearer token");
            return;
        }
        Optional<ResponderConfig> responder = responder(token);
        if (responder.isEmpty()) {
            unauthorized(ctx, ResponderSigner.isSession(token)
                    ? "Authorization: the session has expired or is not valid; sign in again"
                    : "Authorization: not a responder's live token");
            return;
        }
        ctx.put(RESPONDER, responder.get().id());
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
