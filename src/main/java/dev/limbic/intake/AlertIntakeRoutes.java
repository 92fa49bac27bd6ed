package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limbic.alert.AlertEvent;
import dev.limbic.web.OversizedBodies;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP endpoints of the alert intake, added to a Vert.x Web {@link Router}:
 * <ul>
 *   <li>{@code POST /v1/intake/alertmanager/{integration}}, {@code POST /v1/intake/grafana/{integration}}:
 *       answered 200 once committed;</li>
 *   <li>{@code POST /v1/intake/generic/{integration}}: answered 202 with the dedup keys;</li>
 *   <li>{@code POST /v2/enqueue}: PagerDuty Events API v2, answered 202 like PagerDuty.</li>
 * </ul>
 * The webhooks authenticate by {@code Authorization: Bearer <secret>} (or HTTP Basic with the secret as
 * password, which Grafana's webhook contact point can send); {@code /v2/enqueue} by its {@code routing_key}.
 * Errors: 401 wrong or missing secret, 404 no integration of that format by that name, 413 body over the
 * limit, 415 not JSON (a missing content type is accepted), 400 malformed with every problem naming its
 * field, 503 with {@code Retry-After} when the sink is overloaded, 409 when it refuses, 500 when its commit
 * fails. Nothing reaches the sink on any 4xx. All work runs on the request's event loop without blocking.
 */
public final class AlertIntakeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AlertIntakeRoutes.class);
    private static final String SAMPLE = "limbic.intake.sample";
    private static final String PAGERDUTY_PATH = "/v2/enqueue";

    private final Integrations integrations;
    private final AlertSink sink;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final IntakeOptions options;
    private final AlertmanagerWebhookParser alertmanager = AlertmanagerWebhookParser.alertmanager();
    private final AlertmanagerWebhookParser grafana = AlertmanagerWebhookParser.grafana();
    private final GenericAlertParser generic;
    private final PagerDutyEventParser pagerDuty;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Endpoints that look integrations up in {@code integrations} and commit through {@code sink}. */
    public AlertIntakeRoutes(Integrations integrations, AlertSink sink, MeterRegistry registry, Clock clock,
                             IntakeOptions options) {
        this(integrations, sink, registry, clock, options, new GenericAlertParser(), new PagerDutyEventParser());
    }

    AlertIntakeRoutes(Integrations integrations, AlertSink sink, MeterRegistry registry, Clock clock,
                      IntakeOptions options, GenericAlertParser generic, PagerDutyEventParser pagerDuty) {
        this.integrations = Objects.requireNonNull(integrations, "integrations");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = new IntakeMetrics(Objects.requireNonNull(registry, "registry"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.generic = generic;
        this.pagerDuty = pagerDuty;
    }

    /** A new router holding only the intake endpoints. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        addTo(router);
        return router;
    }

    /** Adds the intake endpoints, at their absolute paths, to {@code router}. */
    public void addTo(Router router) {
        for (IntakeFormat format : List.of(IntakeFormat.ALERTMANAGER, IntakeFormat.GRAFANA, IntakeFormat.GENERIC)) {
            router.post("/v1/intake/" + format.wireName() + "/:integration")
                    .handler(admit(format))
                    .handler(BodyHandler.create(false).setBodyLimit(options.webhookBodyLimitBytes()))
                    .handler(ctx -> webhook(ctx, format))
                    .failureHandler(ctx -> failed(ctx, webhookIntegrationTag(ctx, format), false,
                            options.webhookBodyLimitBytes()));
        }
        router.post(PAGERDUTY_PATH)
                .handler(admit(IntakeFormat.PAGERDUTY))
                .handler(BodyHandler.create(false).setBodyLimit(options.pagerDutyBodyLimitBytes()))
                .handler(this::pagerDutyEvent)
                .failureHandler(ctx -> failed(ctx, IntakeMetrics.UNKNOWN_INTEGRATION, true,
                        options.pagerDutyBodyLimitBytes()));
    }

    /**
     * Starts the intake timer as the request arrives and turns away non-JSON bodies before they are read (the
     * body handler would otherwise try to decode forms). A platform handler, so it may run before the body.
     */
    private PlatformHandler admit(IntakeFormat format) {
        return ctx -> {
            ctx.put(SAMPLE, metrics.start());
            if (isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                ctx.next();
            } else if (format == IntakeFormat.PAGERDUTY) {
                unsupportedMediaType(ctx, IntakeMetrics.UNKNOWN_INTEGRATION, true);
            } else {
                unsupportedMediaType(ctx, webhookIntegrationTag(ctx, format), false);
            }
        };
    }

    private void webhook(RoutingContext ctx, IntakeFormat format) {
        String name = ctx.pathParam("integration");
        Optional<Integration> found = integrations.byName(name).filter(i -> i.format() == format);
        if (found.isEmpty()) {
            reject(ctx, 404, IntakeMetrics.UNKNOWN_INTEGRATION, "not_found", false,
                    "No " + format.wireName() + " integration is named " + name, List.of());
            return;
        }
        Integration integration = found.get();
        if (!integration.acceptsSecret(presentedSecret(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)))) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"limbic\"");
            reject(ctx, 401, integration.name(), "unauthorized", false,
                    "Missing or wrong secret for integration " + integration.name(), List.of());
            return;
        }
        Buffer raw = ctx.body().buffer();
        offLoopIfLarge(ctx, raw, () -> switch (format) {
            case ALERTMANAGER -> alertmanager.parse(raw == null ? null : raw.getBytes(), integration, clock.instant());
            case GRAFANA -> grafana.parse(raw == null ? null : raw.getBytes(), integration, clock.instant());
            case GENERIC -> generic.parse(readJson(raw), integration, clock.instant());
            case PAGERDUTY -> throw new IllegalStateException("PagerDuty events arrive on " + PAGERDUTY_PATH);
        }).onComplete(parsed -> {
            if (parsed.failed()) {
                if (parsed.cause() instanceof InvalidPayloadException invalid) {
                    reject(ctx, 400, integration.name(), "invalid", false,
                            "The " + format.wireName() + " payload is invalid", invalid.errors());
                } else {
                    ctx.fail(parsed.cause());
                }
                return;
            }
            List<AlertEvent> events = parsed.result();
            commit(ctx, integration, events, false, () -> {
                ObjectNode answer = answer("success", "Events processed");
                if (format == IntakeFormat.GENERIC) {
                    ArrayNode keys = answer.putArray("dedup_keys");
                    events.forEach(event -> keys.add(event.dedupKey()));
                    send(ctx, 202, answer);
                } else {
                    answer.put("events", events.size());
                    send(ctx, 200, answer);
                }
            });
        });
    }

    private void pagerDutyEvent(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        offLoopIfLarge(ctx, raw, () -> readJson(raw)).onComplete(parsed -> {
            if (parsed.succeeded()) {
                pagerDutyEvent(ctx, parsed.result());
            } else if (parsed.cause() instanceof InvalidPayloadException invalid) {
                reject(ctx, 400, IntakeMetrics.UNKNOWN_INTEGRATION, "invalid", true, "Event object is invalid",
                        invalid.errors());
            } else {
                ctx.fail(parsed.cause());
            }
        });
    }

    private void pagerDutyEvent(RoutingContext ctx, JsonNode body) {
        String unknown = IntakeMetrics.UNKNOWN_INTEGRATION;
        if (body == null || !body.isObject()) {
            reject(ctx, 400, unknown, "invalid", true, "Event object is invalid", List.of("body: must be a JSON object"));
            return;
        }
        Optional<String> routingKey = PagerDutyEventParser.routingKey(body);
        if (routingKey.isEmpty()) {
            reject(ctx, 400, unknown, "invalid", true, "Event object is invalid",
                    List.of("routing_key: is missing or blank"));
            return;
        }
        Optional<Integration> found = integrations.byRoutingKey(routingKey.get())
                .filter(i -> i.format() == IntakeFormat.PAGERDUTY);
        if (found.isEmpty()) {
            reject(ctx, 401, unknown, "unauthorized", true, "Routing key is not recognised",
                    List.of("routing_key: no integration has this routing key"));
            return;
        }
        Integration integration = found.get();
        AlertEvent event;
        try {
            event = pagerDuty.parse(body, integration, clock.instant());
        } catch (InvalidPayloadException e) {
            reject(ctx, 400, integration.name(), "invalid", true, "Event object is invalid", e.errors());
            return;
        }
        commit(ctx, integration, List.of(event), true, () -> {
            ObjectNode answer = answer("success", "Event processed");
            answer.put("dedup_key", event.dedupKey());
            send(ctx, 202, answer);
        });
    }

    /**
     * Runs {@code work} (JSON parsing) right here for a small body, or on a worker thread for a body over
     * {@link IntakeOptions#inlineParseLimitBytes()}, so a large webhook does not hold the event loop for
     * milliseconds. The result is handled back on the request's event loop either way.
     */
    private <T> Future<T> offLoopIfLarge(RoutingContext ctx, Buffer body, Callable<T> work) {
        if (body == null || body.length() <= options.inlineParseLimitBytes()) {
            try {
                return Future.succeededFuture(work.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        return ctx.vertx().executeBlocking(work, false);
    }

    /** Hands events to the sink and answers with {@code success} once it has committed them. */
    private void commit(RoutingContext ctx, Integration integration, List<AlertEvent> events, boolean pagerDutyStyle,
                        Runnable success) {
        Timer.Sample sample = ctx.get(SAMPLE);
        if (events.isEmpty()) {
            metrics.committed(sample, integration, 0);
            success.run();
            return;
        }
        Context context = Vertx.currentContext();
        Future<IntakeReceipt> committed;
        try {
            committed = Objects.requireNonNull(sink.accept(events), "the sink returned no future");
        } catch (RuntimeException e) {
            committed = Future.failedFuture(e);
        }
        committed.onComplete(result -> {
            if (context == null || Vertx.currentContext() == context) {
                answerCommit(ctx, integration, events.size(), pagerDutyStyle, success, sample, result);
            } else {
                context.runOnContext(ignored ->
                        answerCommit(ctx, integration, events.size(), pagerDutyStyle, success, sample, result));
            }
        });
    }

    private void answerCommit(RoutingContext ctx, Integration integration, int events, boolean pagerDutyStyle,
                              Runnable success, Timer.Sample sample, AsyncResult<IntakeReceipt> result) {
        if (result.succeeded()) {
            metrics.committed(sample, integration, events);
            success.run();
            return;
        }
        Throwable failure = result.cause();
        IntakeOverloadedException overloaded = causeOfType(failure, IntakeOverloadedException.class);
        IntakeRefusedException refused = causeOfType(failure, IntakeRefusedException.class);
        if (overloaded != null) {
            long seconds = Math.max(1, (overloaded.retryAfter().toMillis() + 999) / 1000);
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            reject(ctx, 503, integration.name(), "overloaded", pagerDutyStyle,
                    "Limbic is overloaded, retry after " + seconds + " s", List.of());
        } else if (refused != null) {
            reject(ctx, 409, integration.name(), "refused", pagerDutyStyle, refused.getMessage(), List.of());
        } else {
            LOG.warn("Committing {} alert events of integration {} failed", events, integration.name(), failure);
            reject(ctx, 500, integration.name(), "commit_failed", pagerDutyStyle,
                    "The events could not be stored, retry", List.of());
        }
    }

    private void failed(RoutingContext ctx, String integration, boolean pagerDutyStyle, long limit) {
        if (ctx.statusCode() == 413) {
            OversizedBodies.drain(ctx);
            reject(ctx, 413, integration, "too_large", pagerDutyStyle, "Request body is larger than " + limit + " bytes",
                    List.of("body: larger than " + limit + " bytes"));
        } else {
            if (ctx.failure() != null) {
                LOG.warn("Alert intake request failed", ctx.failure());
            }
            int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
            reject(ctx, status, integration, "error", pagerDutyStyle, "The request could not be handled", List.of());
        }
    }

    private String webhookIntegrationTag(RoutingContext ctx, IntakeFormat format) {
        return integrations.byName(ctx.pathParam("integration")).filter(i -> i.format() == format)
                .map(Integration::name).orElse(IntakeMetrics.UNKNOWN_INTEGRATION);
    }

    private void unsupportedMediaType(RoutingContext ctx, String integration, boolean pagerDutyStyle) {
        reject(ctx, 415, integration, "unsupported_media_type", pagerDutyStyle,
                "Content-Type must be application/json", List.of("Content-Type: must be application/json, not "
                        + ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)));
    }

    private void reject(RoutingContext ctx, int status, String integration, String reason, boolean pagerDutyStyle,
                        String message, List<String> errors) {
        metrics.rejected(integration, reason);
        ObjectNode answer = answer(pagerDutyStyle && status == 400 ? "invalid event" : reason.replace('_', ' '),
                message);
        if (!errors.isEmpty() || pagerDutyStyle) {
            ArrayNode list = answer.putArray("errors");
            errors.forEach(list::add);
        }
        send(ctx, status, answer);
    }

    private ObjectNode answer(String status, String message) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("status", status);
        answer.put("message", message);
        return answer;
    }

    private static void send(RoutingContext ctx, int status, ObjectNode answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(answer.toString());
    }

    private static JsonNode readJson(Buffer body) throws InvalidPayloadException {
        return JsonBodies.read(body == null ? null : body.getBytes());
    }

    /** Whether a Content-Type names JSON; a missing one is accepted (Alertmanager and curl users omit it). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("text/json")
                || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** The secret in an {@code Authorization} header: a bearer token, or the password of HTTP Basic. */
    static String presentedSecret(String authorization) {
        if (authorization == null) {
            return null;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        String credentials = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return credentials;
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
