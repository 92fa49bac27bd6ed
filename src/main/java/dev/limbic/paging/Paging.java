package dev.limbic.paging;

import dev.limbic.alert.AlertEvent;
import dev.limbic.care.CareAdvisor;
import dev.limbic.care.CareSettings;
import dev.limbic.care.HandOver;
import dev.limbic.care.PageReactionAnalyzer;
import dev.limbic.care.PageReactionThresholds;
import dev.limbic.care.PartnerHandoff;
import dev.limbic.care.StressEpisodes;
import dev.limbic.config.ChannelConfig;
import dev.limbic.config.IntegrationConfig;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.config.SecretDigest;
import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.RateLimit;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationEngine;
import dev.limbic.intake.AlertIntakeRoutes;
import dev.limbic.intake.DedupMode;
import dev.limbic.intake.IntakeFormat;
import dev.limbic.intake.IntakeOptions;
import dev.limbic.intake.Integration;
import dev.limbic.intake.Integrations;
import dev.limbic.notify.Channel;
import dev.limbic.notify.ChannelSpec;
import dev.limbic.notify.Channels;
import dev.limbic.notify.DispatchSettings;
import dev.limbic.notify.LiveTokens;
import dev.limbic.notify.NotificationDispatcher;
import dev.limbic.notify.NotificationMetrics;
import dev.limbic.notify.ResponderAction;
import dev.limbic.notify.ResponderLiveStream;
import dev.limbic.notify.Scheduler;
import dev.limbic.store.Database;
import dev.limbic.store.DatabaseSettings;
import dev.limbic.store.DurableAlertIntake;
import dev.limbic.store.EscalationLedger;
import dev.limbic.store.OpenIncidentMemory;
import dev.limbic.store.TimelineEntry;
import dev.limbic.stress.StressMonitor;
import dev.limbic.web.LinkSecret;
import dev.limbic.web.ResponderSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The pager of one gateway: database (embedded or configured; started off the event loop, migrated), durable alert
 * intake routed to escalation policies, the escalation runtime, the notification dispatcher with the responders'
 * channels, the responder live stream, and the incidents API. {@link #mount} adds the HTTP endpoints to a router
 * (the gateway calls it on every event loop's router); everything mounted shares this one instance.
 */
public final class Paging {
    private static final Logger LOG = LoggerFactory.getLogger(Paging.class);
    private static final int ESCALATION_CONNECTIONS = 4;

    private final Clock clock;
    private final Channels channels;
    private volatile Snapshot snapshot;
    private final DeliveryRecorder recorder;
    private final MeterRegistry registry;
    private final Database database;
    /** A pool of its own for escalation work, so a webhook's commit never queues behind it. */
    private final Database escalations;
    private final WebClient client;
    private final ResponderLiveStream liveStream;
    private final DurableAlertIntake intake;
    private final EscalationRuntime runtime;
    private final CareRuntime care;
    private final IntakeOptions intakeOptions;
    private final PagingMetrics metrics;
    private final RetentionSweeper retention;
    private final LoadTracking load;
    private final ResponderSigner signer;
    private final ResponderAuthenticator authenticator;
    private final NotificationDispatcher dispatcher;

    /**
     * What a configuration means at run time, swapped whole on reload: the config, the integrations the intake
     * looks up, each responder's channels, their live tokens, and routing.
     */
    private record Snapshot(LimbicConfig config, Integrations integrations, Map<String, List<Channel>> channels,
                            Map<String, RateLimit> rateLimits, Map<String, String> liveTokenHashes,
                            Function<AlertEvent, String> policyFor) {
    }

    private Paging(Vertx vertx, LimbicConfig config, Clock clock, MeterRegistry registry, Database database,
                   StressMonitor monitor) throws java.io.IOException, InterruptedException {
        this.clock = clock;
        this.signer = new ResponderSigner(LinkSecret.load(config.server().linkSecret(), config.dataDir()), clock);
        this.authenticator = new ResponderAuthenticator(this::config, signer);
        this.registry = registry;
        this.database = database;
        this.escalations = Database.connect(vertx, database.target(), ESCALATION_CONNECTIONS);
        this.client = Channels.createClient(vertx);
        this.liveStream = new ResponderLiveStream(vertx, new LiveTokens() {
            @Override
            public Optional<String> liveTokenHash(String responderId) {
                return Optional.ofNullable(snapshot.liveTokenHashes().get(responderId));
            }

            @Override
            public boolean matches(String responderId, String presentedToken) {
                return authenticator.matches(responderId, presentedToken);
            }
        }, this::liveAction, clock);
        this.channels = new Channels(vertx, client, clock, liveStream);
        this.snapshot = snapshot(config);
        this.metrics = new PagingMetrics(registry, this::config);
        OpenIncidentMemory openIncidents = new OpenIncidentMemory(DurableAlertIntake.REMEMBERED_KEYS);
        EscalationLedger ledger = new EscalationLedger(escalations.pool(), openIncidents::forgetIncident,
                config.database().answerTimeout());
        this.recorder = new DeliveryRecorder(ledger);
        // Decisions and deliveries on an event loop of their own, beside (not behind) the intake's.
        Context escalationContext = EventLoopContexts.besides(vertx, vertx.getOrCreateContext());
        this.dispatcher = new NotificationDispatcher(escalationContext,
                responder -> snapshot.channels().getOrDefault(responder, List.of()),
                responder -> Optional.ofNullable(snapshot.rateLimits().get(responder)), DispatchSettings.DEFAULT,
                recorder, new NotificationMetrics(registry), Scheduler.vertx(vertx, clock),
                RandomGenerator.getDefault());
        CareSettings careSettings = config.care().settings();
        PartnerHandoff handoff = new PartnerHandoff(careSettings,
                responder -> config().responder(responder).flatMap(ResponderConfig::partner));
        StressEpisodes episodes = new StressEpisodes(careSettings, handoff);
        EscalationEngine engine = new EscalationEngine(careSettings.engineMaxHold(), new CareAdvisor(episodes));
        CareMetrics careMetrics = new CareMetrics(registry, this::config);
        this.load = new LoadTracking(registry, this::config, careMetrics, clock);
        monitor.addListener(load.stressListener());
        this.care = new CareRuntime(vertx, episodes, handoff, new PageReactionAnalyzer(PageReactionThresholds.defaults()),
                monitor, escalations.incidents(), escalations.stressEpisodes(), dispatcher,
                careMetrics, this::config, clock);
        this.runtime = new EscalationRuntime(vertx, escalationContext, ledger, escalations.incidents(),
                escalations.notifications(), this::config, engine, dispatcher, metrics, care, load, clock,
                config.database().answerTimeout());
        this.intake = new DurableAlertIntake(vertx, database.pool(), event -> snapshot.policyFor().apply(event),
                dev.limbic.store.IntakeOptions.DEFAULTS, openIncidents);
        this.intakeOptions = intakeOptions(config);
        this.retention = new RetentionSweeper(vertx, escalations.retention(), this::config, clock);
    }

    private Snapshot snapshot(LimbicConfig config) {
        Map<String, List<Channel>> byResponder = new HashMap<>();
        Map<String, String> liveTokens = new HashMap<>();
        Map<String, RateLimit> rateLimits = new HashMap<>();
        for (ResponderConfig responder : config.responders()) {
            rateLimits.put(responder.id(), new RateLimit(responder.notificationRatePerMinute(),
                    DispatchSettings.DEFAULT.rateLimit().burst()));
            List<Channel> list = new ArrayList<>();
            responder.channels().forEach(channel -> list.add(SignInLinks.around(channels.create(spec(channel)),
                    config.server().publicUrl(), signer)));
            byResponder.put(responder.id(), List.copyOf(list));
            responder.liveToken().map(SecretDigest::sha256Hex).ifPresent(hash -> liveTokens.put(responder.id(), hash));
        }
        Function<AlertEvent, String> policyFor = config.router()
                .<Function<AlertEvent, String>>map(router -> event -> router.route(event).policyId())
                .orElse(event -> null);
        return new Snapshot(config, Integrations.of(config.integrations().stream().map(Paging::integration).toList()),
                Map.copyOf(byResponder), Map.copyOf(rateLimits), Map.copyOf(liveTokens), policyFor);
    }

    /**
     * Swaps in a reloaded configuration: integrations, routing, policies, schedules, responders, channels and live
     * tokens apply to the next request and the next evaluation. Open incidents stay as stored and go on with the
     * policy of the same id in the new configuration. Body limits and the database stay as they were at start.
     */
    public void reconfigure(LimbicConfig next) {
        snapshot = snapshot(next);
        load.registerResponders();
        LOG.info("Paging reconfigured: {}", next.summary());
    }

    /**
     * Opens the database (starting the embedded server when no URL is configured, on a worker thread), then
     * resumes every unfinished escalation and undelivered page. The stress-aware rules follow {@code monitor}'s
     * transitions of opted-in responders.
     */
    public static Future<Paging> start(Vertx vertx, LimbicConfig config, Clock clock, MeterRegistry registry,
                                       StressMonitor monitor) {
        DatabaseSettings settings = new DatabaseSettings(config.database().url().map(Object::toString),
                config.dataDir(), 0, Math.max(4, config.database().poolSize()));
        return Database.open(vertx, settings).compose(database -> vertx.executeBlocking(() -> {
            // On a worker: the first use of the channels, the intake and the SQL client loads many classes.
            Paging built = new Paging(vertx, config, clock, registry, database, monitor);
            built.warmUp(config);
            return built;
        }, false).recover(failure -> database.close().transform(closed -> Future.failedFuture(failure)))).compose(paging -> {
            return paging.care.start(paging.runtime)
                    .compose(careStarted -> paging.load.restore(paging.escalations.notifications()))
                    .compose(restored -> paging.runtime.start()).map(paging)
                    .onSuccess(started -> started.retention.start())
                    .recover(failure -> paging.close().transform(closed -> Future.failedFuture(failure)));
        }).onSuccess(paging -> LOG.info("Paging ready: {}", config.summary()));
    }

    /**
     * Runs, on the starting worker thread, what the first webhook would otherwise load on an event loop (JSON
     * parsing, the SQL client's query paths, the stress-aware rules), so the first request does not stall its event
     * loop for a second.
     */
    private void warmUp(LimbicConfig config) throws Exception {
        CareRuntime.warmUp(config.care().settings(),
                new PageReactionAnalyzer(PageReactionThresholds.defaults()), config.stress());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"alerts\":[{\"labels\":{\"a\":\"b\"}}]}");
        io.vertx.core.json.Json.decodeValue("{\"a\":[1,\"b\"]}");
        Future.all(database.pool().query("SELECT 1").execute(), new EscalationLedger(escalations.pool()).load(0),
                        database.incidents().list(java.util.Set.of(dev.limbic.store.IncidentStatus.TRIGGERED), 1),
                        escalations.retention().sweep(java.time.Instant.EPOCH, java.time.Instant.EPOCH))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Adds the alert intake, the responder live stream and the incidents API to {@code router}. */
    public void mount(io.vertx.ext.web.Router router) {
        mount(router, ResponderSignals.NONE);
    }

    /**
     * Adds the alert intake, the responder live stream, the incidents API and the responder page's API (sessions,
     * assigned incidents, notes, and each responder's own signal from {@code signals}) to {@code router}.
     */
    public void mount(io.vertx.ext.web.Router router, ResponderSignals signals) {
        new ResponderRoutes(authenticator, signer, database.incidents(), signals, clock).addTo(router);
        Integrations integrations = new Integrations() {
            @Override
            public Optional<Integration> byName(String name) {
                return snapshot.integrations().byName(name);
            }

            @Override
            public Optional<Integration> byRoutingKey(String routingKey) {
                return snapshot.integrations().byRoutingKey(routingKey);
            }
        };
        new AlertIntakeRoutes(integrations, new DurableAlertSink(intake, runtime, metrics), registry, clock,
                intakeOptions).addTo(router);
        liveStream.mount(router);
        new IncidentRoutes(this::config, database.incidents(), database.notifications(), runtime, care, clock,
                authenticator)
                .addTo(router);
    }

    /** The escalation runtime (tests look at its schedule). */
    public EscalationRuntime runtime() {
        return runtime;
    }

    /** The database (tests inspect it). */
    public Database database() {
        return database;
    }

    /** Where notifications go out (tests hand prompts to it as the care runtime does). */
    public NotificationDispatcher dispatcher() {
        return dispatcher;
    }

    /** What signs the responder page's sign-in links and sessions. */
    public ResponderSigner signer() {
        return signer;
    }

    /** The live stream pages are pushed on. */
    public ResponderLiveStream liveStream() {
        return liveStream;
    }

    /** Stops taking alerts, lets committed work finish, closes the live stream, the HTTP client and the database. */
    public Future<Void> close() {
        retention.stop();
        care.close();
        return intake.close()
                .eventually(runtime::close)
                .eventually(() -> recorder.drain().timeout(5, TimeUnit.SECONDS).otherwiseEmpty())
                .eventually(() -> liveStream.closeAll().timeout(2, TimeUnit.SECONDS)
                        .otherwiseEmpty())
                .eventually(() -> {
                    client.close();
                    return escalations.close().eventually(database::close);
                });
    }

    LimbicConfig config() {
        return snapshot.config();
    }

    /** An action from a responder's live channel: the same commands as the incidents API. */
    private Future<Void> liveAction(ResponderAction action) {
        long incidentId;
        try {
            incidentId = Long.parseLong(action.incidentId());
        } catch (NumberFormatException e) {
            return Future.failedFuture("incident_id: '" + action.incidentId() + "' is not an incident number");
        }
        String by = action.responder();
        if (action.kind() == ActionKind.NOTE) {
            JsonObject fields = new JsonObject().put("responder", by);
            return database.incidents().appendTimeline(incidentId, new TimelineEntry(action.receivedAt(), "note", by,
                    action.note().orElse(""), fields.encode()));
        }
        EscalationCommand command = switch (action.kind()) {
            case ACKNOWLEDGE -> new EscalationCommand.Acknowledge(by);
            case RESOLVE -> new EscalationCommand.Resolve(by);
            case ESCALATE -> new EscalationCommand.EscalateNow(by);
            case SNOOZE -> new EscalationCommand.Snooze(by,
                    clock.instant().plus(Duration.ofMinutes(action.snoozeMinutes())));
            case HAND_OVER -> null;
            case NOTE -> throw new IllegalStateException("handled above");
        };
        Future<EscalationRuntime.CommandResult> done;
        if (command == null) {
            Optional<HandOver> handOver = care.handOverOf(incidentId, by, action.handOverTo());
            if (handOver.isEmpty()) {
                return Future.failedFuture("to: name a configured responder (" + by + " has no partner)");
            }
            done = care.handOver(incidentId, handOver.get());
        } else {
            done = runtime.command(incidentId, command);
        }
        return done.compose(result -> switch (result.kind()) {
            case APPLIED -> Future.<Void>succeededFuture();
            case NOT_FOUND, REFUSED -> Future.<Void>failedFuture(result.detail());
        });
    }

    private static ChannelSpec spec(ChannelConfig channel) {
        ChannelSpec.Type type = ChannelSpec.Type.valueOf(channel.type().name());
        Duration timeout = channel.type() == ChannelConfig.Type.LIVE ? null : channel.timeout();
        return new ChannelSpec(type, channel.name(), channel.url(), channel.topic(), channel.token(),
                channel.headers(), timeout);
    }

    private static Integration integration(IntegrationConfig config) {
        IntakeFormat format = IntakeFormat.valueOf(config.type().name());
        DedupMode dedup = config.dedup() == IntegrationConfig.Dedup.GROUP ? DedupMode.GROUP : DedupMode.ALERT;
        return new Integration(config.name(), format, config.secret().sha256Hex(), dedup, config.defaultSeverity());
    }

    private static IntakeOptions intakeOptions(LimbicConfig config) {
        long webhook = 0;
        long pagerDuty = 0;
        for (IntegrationConfig integration : config.integrations()) {
            if (integration.type() == IntegrationConfig.Type.PAGERDUTY) {
                pagerDuty = Math.max(pagerDuty, integration.maxBodyBytes());
            } else {
                webhook = Math.max(webhook, integration.maxBodyBytes());
            }
        }
        return new IntakeOptions(webhook > 0 ? webhook : IntakeOptions.DEFAULTS.webhookBodyLimitBytes(),
                pagerDuty > 0 ? pagerDuty : IntakeOptions.DEFAULTS.pagerDutyBodyLimitBytes(),
                IntakeOptions.DEFAULTS.inlineParseLimitBytes());
    }
}
