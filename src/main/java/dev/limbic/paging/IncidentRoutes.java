package dev.limbic.paging;

import dev.limbic.care.HandOver;
import dev.limbic.config.LimbicConfig;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.store.Incident;
import dev.limbic.store.IncidentDetail;
import dev.limbic.store.IncidentStatus;
import dev.limbic.store.IncidentStore;
import dev.limbic.store.NotificationRecord;
import dev.limbic.store.NotificationStore;
import dev.limbic.store.TimelineEntry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The incidents API, for responders (every request authenticated with a responder's {@code live_token} or responder
 * page session as {@code Authorization: Bearer <token>}; the responder is the actor on the timeline):
 * <ul>
 *   <li>{@code GET /v1/incidents?status=triggered,acknowledged&limit=100}: newest first;</li>
 *   <li>{@code GET /v1/incidents/{id}}: the incident with time to acknowledge and resolve, its timeline, its pages
 *       and where its escalation stands;</li>
 *   <li>{@code POST /v1/incidents/{id}/acknowledge}, {@code /resolve}, {@code /escalate},
 *       {@code /snooze} with {@code {"minutes": N}} (1 to 1440), {@code /reassign} with
 *       {@code {"responder": "id"}}: answered 200 with the incident once the decision is committed;</li>
 *   <li>{@code POST /v1/incidents/{id}/hand-over}, optionally with {@code {"to": "id"}} (their partner when absent):
 *       the responder hands the incident over with one action; the new holder is paged, both are told in supportive
 *       words, and the answer carries what the responder is told as {@code message}.</li>
 * </ul>
 * Errors: 401 without a valid token, 404 unknown incident, 400 a bad parameter or body (naming the field), 409 a
 * command that does not apply (for example acknowledging a resolved incident).
 */
final class IncidentRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentRoutes.class);
    static final String PATH = "/v1/incidents";
    private static final int MAX_BODY_BYTES = 4096;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_SNOOZE_MINUTES = 1440;

    private final Supplier<LimbicConfig> config;
    private final IncidentStore incidents;
    private final NotificationStore notifications;
    private final EscalationRuntime runtime;
    private final CareRuntime care;
    private final Clock clock;
    private final ResponderAuthenticator authenticator;

    IncidentRoutes(Supplier<LimbicConfig> config, IncidentStore incidents, NotificationStore notifications,
                   EscalationRuntime runtime, CareRuntime care, Clock clock, ResponderAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.config = config;
        this.incidents = incidents;
        this.notifications = notifications;
        this.runtime = runtime;
        this.care = care;
        this.clock = clock;
    }

    void addTo(Router router) {
        router.route(PATH + "*").handler(authenticator::handle);
        router.get(PATH).handler(this::list);
        router.get(PATH + "/:id").handler(this::get);
        router.post(PATH + "/:id/:action").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::command).failureHandler(ctx -> error(ctx,
                        ctx.statusCode() == 413 ? 413 : 500,
                        ctx.statusCode() == 413 ? "body: larger than " + MAX_BODY_BYTES + " bytes" : "request failed"));
    }

    private void list(RoutingContext ctx) {
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        String status = ctx.request().getParam("status");
        if (status == null || status.isBlank()) {
            statuses.addAll(EnumSet.allOf(IncidentStatus.class));
        } else {
            for (String name : status.split(",")) {
                try {
                    statuses.add(IncidentStatus.fromWireName(name.trim()));
                } catch (IllegalArgumentException e) {
                    error(ctx, 400, "status: '" + name.trim() + "' is not triggered, acknowledged or resolved");
                    return;
                }
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = ctx.request().getParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                error(ctx, 400, "limit: must be a number from 1 to " + MAX_LIMIT);
                return;
            }
        }
        incidents.list(statuses, limit).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            JsonArray list = new JsonArray();
            result.result().forEach(incident -> list.add(json(incident)));
            ok(ctx, new JsonObject().put("incidents", list));
        });
    }

    private void get(RoutingContext ctx) {
        Optional<Long> id = id(ctx);
        if (id.isEmpty()) {
            return;
        }
        incidents.get(id.get()).compose(found -> found.isEmpty()
                        ? Future.succeededFuture(Optional.<JsonObject>empty())
                        : notifications.forIncident(id.get()).map(pages -> Optional.of(detail(found.get(), pages))))
                .onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(result.cause());
                    } else if (result.result().isEmpty()) {
                        error(ctx, 404, "id: no incident " + id.get());
                    } else {
                        ok(ctx, result.result().get());
                    }
                });
    }

    private void command(RoutingContext ctx) {
        Optional<Long> id = id(ctx);
        if (id.isEmpty()) {
            return;
        }
        String by = ctx.get("responder");
        String action = ctx.pathParam("action").toLowerCase(Locale.ROOT);
        JsonObject body;
        try {
            body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            error(ctx, 400, "body: is not a JSON object");
            return;
        }
        if (body == null) {
            body = new JsonObject();
        }
        EscalationCommand command;
        Optional<HandOver> handOver = Optional.empty();
        switch (action) {
            case "acknowledge" -> command = new EscalationCommand.Acknowledge(by);
            case "resolve" -> command = new EscalationCommand.Resolve(by);
            case "escalate" -> command = new EscalationCommand.EscalateNow(by);
            case "snooze" -> {
                Object minutes = body.getValue("minutes");
                if (!(minutes instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || n.longValue() < 1 || n.longValue() > MAX_SNOOZE_MINUTES) {
                    error(ctx, 400, "minutes: must be a whole number from 1 to " + MAX_SNOOZE_MINUTES);
                    return;
                }
                command = new EscalationCommand.Snooze(by, clock.instant().plus(Duration.ofMinutes(n.longValue())));
            }
            case "reassign" -> {
                Object responder = body.getValue("responder");
                if (!(responder instanceof String to) || config.get().responder(to).isEmpty()) {
                    error(ctx, 400, "responder: must name a configured responder");
                    return;
                }
                command = new EscalationCommand.Reassign(by, to);
            }
            case "hand-over" -> {
                Object to = body.getValue("to");
                if (to != null && (!(to instanceof String name) || config.get().responder(name).isEmpty())) {
                    error(ctx, 400, "to: must name a configured responder");
                    return;
                }
                handOver = care.handOverOf(id.get(), by, Optional.ofNullable((String) to));
                if (handOver.isEmpty()) {
                    error(ctx, 400, "to: name a configured responder to hand over to (" + by + " has no partner)");
                    return;
                }
                command = handOver.get().command();
            }
            default -> {
                error(ctx, 404, "action: '" + action
                        + "' is not acknowledge, resolve, escalate, snooze, reassign or hand-over");
                return;
            }
        }
        Optional<String> message = handOver.map(HandOver::textForPreviousHolder);
        Future<EscalationRuntime.CommandResult> done = handOver.isPresent()
                ? care.handOver(id.get(), handOver.get()) : runtime.command(id.get(), command);
        done.compose(result -> switch (result.kind()) {
            case NOT_FOUND -> Future.succeededFuture(Optional.of(error(404, "id: no incident " + id.get()
                    + " with an escalation")));
            case REFUSED -> Future.succeededFuture(Optional.of(error(409, result.detail())));
            case APPLIED -> incidents.find(id.get()).map(found -> Optional.<JsonObject>empty()
                    .or(() -> found.map(incident -> {
                        JsonObject answer = new JsonObject().put("incident", json(incident));
                        message.ifPresent(text -> answer.put("message", text));
                        return answer;
                    })));
        }).onComplete(result -> {
            if (result.failed()) {
                LOG.warn("Command {} on incident {} not confirmed: {}", action, id.get(), result.cause().toString());
                error(ctx, 503, "the database did not confirm the command; it may have been applied (any page it"
                        + " sends still goes out): read the incident before sending it again");
                return;
            }
            JsonObject answer = result.result().orElseGet(() -> error(404, "id: no incident " + id.get()));
            int status = answer.getInteger("status", 200);
            answer.remove("status");
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(answer.encode());
        });
    }

    private static JsonObject error(int status, String message) {
        return new JsonObject().put("status", status).put("error", message);
    }

    private static Optional<Long> id(RoutingContext ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        error(ctx, 404, "id: '" + ctx.pathParam("id") + "' is not an incident number");
        return Optional.empty();
    }

    private static JsonObject detail(IncidentDetail detail, List<NotificationRecord> pages) {
        JsonArray timeline = new JsonArray();
        for (TimelineEntry entry : detail.timeline()) {
            timeline.add(new JsonObject().put("at", entry.at().toString()).put("kind", entry.kind())
                    .put("actor", entry.actor()).put("text", entry.text())
                    .put("fields", new JsonObject(entry.fieldsJson())));
        }
        JsonArray notifications = new JsonArray();
        for (NotificationRecord page : pages) {
            notifications.add(new JsonObject().put("id", page.id())
                    .put("kind", page.notice().isPresent() ? "notice" : "page")
                    .put("title", page.notice().map(NotificationRecord.Notice::title).orElse(null))
                    .put("responder", page.responder())
                    .put("channel", page.channel()).put("step", page.step()).put("round", page.round())
                    .put("status", page.status().wireName()).put("attempts", page.attempts())
                    .put("last_error", page.lastError().orElse(null)).put("created_at", page.createdAt().toString())
                    .put("updated_at", page.updatedAt().toString()));
        }
        return new JsonObject().put("incident", json(detail.incident())).put("timeline", timeline)
                .put("notifications", notifications);
    }

    static JsonObject json(Incident incident) {
        JsonObject labels = new JsonObject();
        incident.labels().forEach(labels::put);
        Object details;
        try {
            details = new JsonObject(incident.detailsJson());
        } catch (DecodeException | ClassCastException e) {
            details = incident.detailsJson();
        }
        return new JsonObject().put("id", incident.id()).put("integration", incident.integration())
                .put("dedup_key", incident.dedupKey()).put("status", incident.status().wireName())
                .put("severity", incident.severity().wireName()).put("summary", incident.summary())
                .put("source", incident.source()).put("labels", labels).put("details", details)
                .put("policy", incident.policyId().orElse(null))
                .put("opened_at", incident.openedAt().toString())
                .put("acknowledged_at", text(incident.acknowledgedAt()))
                .put("acknowledged_by", incident.acknowledgedBy().orElse(null))
                .put("resolved_at", text(incident.resolvedAt()))
                .put("resolved_by", incident.resolvedBy().orElse(null))
                .put("alert_count", incident.alertCount()).put("last_alert_at", incident.lastAlertAt().toString())
                .put("time_to_acknowledge_seconds", seconds(incident.timeToAcknowledge()))
                .put("time_to_resolve_seconds", seconds(incident.timeToResolve()));
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }

    private static Double seconds(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() / 1000.0).orElse(null);
    }

    private static void ok(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
