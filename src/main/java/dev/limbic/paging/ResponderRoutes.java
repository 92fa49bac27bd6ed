package dev.limbic.paging;

import dev.limbic.config.ResponderConfig;
import dev.limbic.notify.ResponderAction;
import dev.limbic.store.Incident;
import dev.limbic.store.IncidentStore;
import dev.limbic.store.TimelineEntry;
import dev.limbic.web.ResponderSigner;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the responder page needs besides the incidents API, every answer about the signed-in responder only:
 * <ul>
 *   <li>{@code POST /v1/responder/session} with {@code {"token": "<live token>"}} or {@code {"link": "<sign-in
 *       link>"}}: a page session ({@code {"session", "responder", "name", "expires_at", "incident_id"}}), or 401;</li>
 *   <li>{@code GET /v1/responder/me}: {@code {"id", "name", "partner"}};</li>
 *   <li>{@code GET /v1/responder/incidents}: the open incidents assigned to them (reassigned or handed over to
 *       them, or paged to them while nobody was reassigned), newest first, each with its timeline;</li>
 *   <li>{@code GET /v1/responder/signal}: their own heart rate, state, sensor connection and battery
 *       ({@link ResponderSignals}; {@code Cache-Control: no-store});</li>
 *   <li>{@code POST /v1/incidents/{id}/note} with {@code {"text": "..."}}: adds their words to the incident's
 *       timeline (kind {@code note}, actor them); 201.</li>
 * </ul>
 * Authentication (all but the session exchange): a live token or a session as a bearer token.
 */
final class ResponderRoutes {
    static final String PATH = "/v1/responder";
    private static final int MAX_BODY_BYTES = 8192;
    private static final int MAX_INCIDENTS = 50;

    private final ResponderAuthenticator authenticator;
    private final ResponderSigner signer;
    private final IncidentStore incidents;
    private final ResponderSignals signals;
    private final Clock clock;

    ResponderRoutes(ResponderAuthenticator authenticator, ResponderSigner signer, IncidentStore incidents,
                    ResponderSignals signals, Clock clock) {
        this.authenticator = authenticator;
        this.signer = signer;
        this.incidents = incidents;
        this.signals = signals;
        this.clock = clock;
    }

    /** Adds the routes; must come before the incidents API's, whose {@code /:id/:action} would take the note. */
    void addTo(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        // Sessions and health data: never cached, said once for every answer under the path. (A body route may well
        // be the first match: the bodies "lost" in these tests were answers the test client dropped, see HttpProbe.)
        router.route(PATH + "/*").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            ctx.next();
        });
        router.post(PATH + "/session").handler(body).handler(this::session);
        router.get(PATH + "/me").handler(authenticator::handle).handler(this::me);
        router.get(PATH + "/incidents").handler(authenticator::handle).handler(this::assigned);
        router.get(PATH + "/signal").handler(authenticator::handle).handler(this::signal);
        router.post(IncidentRoutes.PATH + "/:id/note").handler(authenticator::handle);
        router.post(IncidentRoutes.PATH + "/:id/note").handler(body).handler(this::note);
    }

    private void session(RoutingContext ctx) {
        Optional<JsonObject> request = bodyObject(ctx);
        if (request.isEmpty()) {
            return;
        }
        Object token = request.get().getValue("token");
        Object link = request.get().getValue("link");
        Optional<ResponderConfig> responder;
        Optional<String> incident = Optional.empty();
        if (token instanceof String live && !live.isBlank() && !ResponderSigner.isSession(live)) {
            responder = authenticator.responder(live.trim());
            if (responder.isEmpty()) {
                error(ctx, 401, "token: not a responder's live token");
                return;
            }
        } else if (link instanceof String signed && !signed.isBlank()) {
            Optional<ResponderSigner.Claims> claims = signer.verifyLink(signed.trim());
            if (claims.isEmpty()) {
                error(ctx, 401, "link: expired or not valid; sign in with your token, or open a newer page's link");
                return;
            }
            incident = claims.get().incidentId();
            responder = authenticator.responderById(claims.get().responder());
            if (responder.isEmpty()) {
                error(ctx, 401, "link: the responder is no longer configured");
                return;
            }
        } else {
            error(ctx, 400, "body: give 'token' (your live token) or 'link' (a sign-in link from a page)");
            return;
        }
        String session = signer.session(responder.get().id());
        json(ctx, 200, new JsonObject().put("session", session).put("responder", responder.get().id())
                .put("name", responder.get().name())
                .put("expires_at", signer.verifySession(session).orElseThrow().expiresAt().toString())
                .put("incident_id", incident.orElse(null)));
    }

    private void me(RoutingContext ctx) {
        String id = ctx.get(ResponderAuthenticator.RESPONDER);
        Optional<ResponderConfig> responder = authenticator.responderById(id);
        if (responder.isEmpty()) {
            error(ctx, 401, "Authorization: the responder is no longer configured");
            return;
        }
        json(ctx, 200, new JsonObject().put("id", id).put("name", responder.get().name())
                .put("partner", responder.get().partner().orElse(null)));
    }

    private void assigned(RoutingContext ctx) {
        String responder = ctx.get(ResponderAuthenticator.RESPONDER);
        incidents.assignedTo(responder, MAX_INCIDENTS)
                .compose(open -> Future.all(open.stream().map(this::withTimeline).toList())
                        .map(all -> {
                            JsonArray list = new JsonArray();
                            for (int i = 0; i < all.size(); i++) {
                                list.add(all.<JsonObject>resultAt(i));
                            }
                            return list;
                        }))
                .onSuccess(list -> json(ctx, 200, new JsonObject().put("responder", responder).put("incidents", list)))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> withTimeline(Incident incident) {
        return incidents.get(incident.id()).map(detail -> {
            JsonObject json = IncidentRoutes.json(detail.map(d -> d.incident()).orElse(incident));
            JsonArray timeline = new JsonArray();
            detail.map(d -> d.timeline()).orElse(List.of()).forEach(entry -> timeline.add(new JsonObject()
                    .put("at", entry.at().toString()).put("kind", entry.kind()).put("actor", entry.actor())
                    .put("text", entry.text())));
            return json.put("timeline", timeline);
        });
    }

    private void signal(RoutingContext ctx) {
        String responder = ctx.get(ResponderAuthenticator.RESPONDER);
        json(ctx, 200, signals.signalOf(responder).put("responder", responder));
    }

    private void note(RoutingContext ctx) {
        String responder = ctx.get(ResponderAuthenticator.RESPONDER);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 1) {
            error(ctx, 404, "id: '" + ctx.pathParam("id") + "' is not an incident number");
            return;
        }
        Optional<JsonObject> request = bodyObject(ctx);
        if (request.isEmpty()) {
            return;
        }
        if (!(request.get().getValue("text") instanceof String text) || text.isBlank()) {
            error(ctx, 400, "text: must be a non-empty string");
            return;
        }
        if (text.length() > ResponderAction.MAX_NOTE_CHARS) {
            error(ctx, 400, "text: must be at most " + ResponderAction.MAX_NOTE_CHARS + " characters");
            return;
        }
        long incidentId = id;
        TimelineEntry entry = new TimelineEntry(clock.instant(), "note", responder, text.strip(),
                new JsonObject().put("responder", responder).put("source", "responder_page").encode());
        incidents.find(incidentId).compose(found -> found.isEmpty()
                        ? Future.succeededFuture(false)
                        : incidents.appendTimeline(incidentId, entry).map(true))
                .onSuccess(added -> {
                    if (added) {
                        json(ctx, 201, new JsonObject().put("incident_id", incidentId).put("at", entry.at().toString())
                                .put("kind", "note").put("actor", responder).put("text", entry.text()));
                    } else {
                        error(ctx, 404, "id: no incident " + incidentId);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static Optional<JsonObject> bodyObject(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
            if (body != null) {
                return Optional.of(body);
            }
        } catch (DecodeException | ClassCastException notAnObject) {
            // answered below
        }
        error(ctx, 400, "body: must be a JSON object");
        return Optional.empty();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message));
    }
}
