package dev.limbic.app;

import dev.limbic.ble.BleMetrics;
import dev.limbic.ble.BleSettings;
import dev.limbic.ble.BleSource;
import dev.limbic.ble.HotPathFrames;
import dev.limbic.ble.PairingStore;
import dev.limbic.ble.PairingSync;
import dev.limbic.config.ConfigException;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.config.ServerConfig;
import dev.limbic.ingest.DeviceDirectory;
import dev.limbic.ingest.FrameIngest;
import dev.limbic.metrics.GatewayMetrics;
import dev.limbic.metrics.MetricsRegistry;
import dev.limbic.metrics.ResponderStressMetrics;
import dev.limbic.paging.Paging;
import dev.limbic.stress.StressMonitor;
import dev.limbic.stress.StressThresholds;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A running Limbic gateway: its own Vert.x (Micrometer metrics on, epoll when available, one event loop
 * per core), one {@link GatewayVerticle} per event loop sharing the port, and a timer that lets time pass
 * for every stress detector ({@link StressMonitor#tick}) so silent streams go {@code UNKNOWN}. With integrations
 * configured, also the pager ({@link Paging}): its database starts before the servers listen.
 */
public final class Gateway {
    /** How often detectors are told the time by default. */
    public static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Free ports tried when the config asks for port 0 (another process can take one before it is bound). */
    private static final int BIND_ATTEMPTS = 3;

    private final Vertx vertx;
    private final GatewayServices services;
    private final int port;

    private Gateway(Vertx vertx, GatewayServices services, int port) {
        this.vertx = vertx;
        this.services = services;
        this.port = port;
    }

    /** Starts a gateway with default Vert.x options, ticking every second. */
    public static Future<Gateway> start(LimbicConfig config, Clock clock) {
        return start(config, clock, new VertxOptions(), TICK);
    }

    /**
     * Starts a gateway.
     *
     * @param vertxOptions base options (tests lower the blocked-thread thresholds); metrics, native transport
     *                     and the event-loop count are set here
     * @param tick         how often detectors are told the time (real time, read from {@code clock})
     */
    public static Future<Gateway> start(LimbicConfig config, Clock clock, VertxOptions vertxOptions, Duration tick) {
        NettyWarmUp.run();
        MetricsRegistry registry = new MetricsRegistry();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        VertxOptions options = new VertxOptions(vertxOptions)
                .setMetricsOptions(MetricsRegistry.vertxMetricsOptions())
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(loops);
        Vertx vertx = Vertx.builder().with(options).withMetrics(registry.vertxMetricsFactory()).build();
        Map<String, StressThresholds> thresholds = config.thresholdsByResponder();
        StressMonitor monitor = new StressMonitor(id -> thresholds.getOrDefault(id, config.stress()));
        int monitored = (int) config.responders().stream().filter(ResponderConfig::heartRateMonitoring).count();
        GatewayMetrics metrics = new GatewayMetrics(registry.registry(), monitored);
        monitor.addListener(metrics);
        monitor.addListener(new ResponderStressMetrics(registry.registry(), clock, config.responders().stream()
                .filter(ResponderConfig::heartRateMonitoring)
                .collect(Collectors.toMap(ResponderConfig::id, responder -> config.teamLabel(responder.id())))));
        monitor.addListener(new TransitionLog(clock));
        Future<Optional<Paging>> paging = config.integrations().isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : Paging.start(vertx, config, clock, registry.registry(), monitor).map(Optional::of);

        Promise<Gateway> started = Promise.promise();
        paging.compose(pager -> {
                    GatewayServices services = new GatewayServices(config, clock, monitor, new DeviceDirectory(config),
                            registry, metrics, new AtomicBoolean(), pager, new PairingSync(config.dataDir()));
                    return listen(vertx, services, loops, BIND_ATTEMPTS)
                            .map(port -> new Gateway(vertx, services, port))
                            .recover(failure -> pager.map(Paging::close).orElse(Future.succeededFuture())
                                    .transform(closed -> Future.failedFuture(failure)));
                })
                .compose(gateway -> vertx.executeBlocking(() -> startBluetooth(vertx, gateway.services))
                        .map(synced -> gateway))
                .onSuccess(gateway -> {
                    vertx.setPeriodic(tick.toMillis(), timer -> monitor.tick(clock.millis()));
                    PairingSync pairings = gateway.services.pairings();
                    vertx.setPeriodic(TimeUnit.SECONDS.toMillis(PairingSync.POLL_SECONDS), timer ->
                            vertx.executeBlocking(() -> {
                                pairings.sync();
                                return null;
                            }).onFailure(failure -> LOG.warn("{} cannot be read: {}", PairingStore.FILE,
                                    failure.getMessage())));
                    gateway.services.readiness().set(true);
                    LOG.info("Limbic gateway listening on {}:{} ({} event loops, native transport: {})",
                            config.server().host(), gateway.port, loops, vertx.isNativeTransportEnabled());
                    started.complete(gateway);
                })
                .onFailure(failure -> {
                    started.fail(failure);
                    vertx.close().onComplete(closed -> registry.close());
                });
        return started.future();
    }

    /**
     * Starts the Bluetooth source when straps are paired in {@code DATA_DIR/pairings.json}, now or later while the
     * gateway runs ({@link PairingSync}); it feeds the same hot path as network ingest, on an event loop of its own
     * choosing. Reads files: runs on a worker thread.
     */
    private static Void startBluetooth(Vertx vertx, GatewayServices services) throws Exception {
        FrameIngest ingest = new FrameIngest(services.monitor(), services.metrics(), services.clock());
        HotPathFrames frames = new HotPathFrames(vertx.getOrCreateContext(), ingest, services.devices());
        services.pairings().startWith(pairings -> {
            try {
                return new BleSource(pairings, FirmwareProfileLoader.loadBundled(), frames,
                        new BleMetrics(services.registry().registry()), BleSettings.defaults(), services.clock()).start();
            } catch (ConfigException e) {
                throw new IllegalStateException("the bundled firmware profiles are broken: " + e.getMessage(), e);
            }
        });
        services.pairings().sync();
        return null;
    }

    /**
     * A port that is free now. Servers of one Vert.x share a port only when they ask for the same number,
     * and each asking for 0 would get its own; so port 0 is resolved once, up front.
     */
    /**
     * Deploys one {@link GatewayVerticle} per event loop, sharing the configured port, or a free one when the config
     * asks for port 0: picked just before, and picked again if another process took it in between.
     */
    private static Future<Integer> listen(Vertx vertx, GatewayServices services, int loops, int attempts) {
        ServerConfig server = services.config().server();
        int port;
        try {
            port = server.port() == 0 ? freePort(server.host()) : server.port();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return vertx.deployVerticle(() -> new GatewayVerticle(services, port),
                        new DeploymentOptions().setInstances(loops))
                .map(id -> port)
                .recover(failure -> server.port() == 0 && attempts > 1 && String.valueOf(failure.getMessage())
                        .contains("Address already in use")
                        ? listen(vertx, services, loops, attempts - 1) : Future.failedFuture(failure));
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    /** The port the gateway listens on (useful when the config asked for 0). */
    public int port() {
        return port;
    }

    public Vertx vertx() {
        return vertx;
    }

    public StressMonitor monitor() {
        return services.monitor();
    }

    /** What the Bluetooth source is doing, once a strap is paired ({@code "1 of 1 straps linked"}, {@code "no Bluetooth: …"}). */
    public Optional<String> bluetoothStatus() {
        return services.pairings().source().map(BleSource::status);
    }

    /**
     * Swaps in a reloaded configuration. Devices first: a device whose token was removed, or whose responder is gone
     * or no longer opted in to heart-rate monitoring, is refused from now on and its open streams close at their next
     * frame; whatever the gateway kept in memory of a withdrawn responder's heart rate is forgotten, and they go
     * {@code UNKNOWN} (so the stress-aware rules stop acting for them: their pages go out as a plain pager's). Then
     * the pager's part ({@link Paging#reconfigure}). Stress thresholds, care settings, the server and the database
     * stay as they were at start.
     */
    public void reconfigure(LimbicConfig next) {
        Set<String> withdrawn = services.devices().update(next);
        long now = services.clock().millis();
        for (String responder : withdrawn) {
            services.monitor().forget(responder, now, DeviceDirectory.CONSENT_WITHDRAWN);
            LOG.info("{} is no longer opted in to heart-rate monitoring: their streams close and their heart-rate data"
                    + " in memory is gone", responder);
        }
        services.paging().ifPresent(pager -> pager.reconfigure(next));
        LimbicConfig started = services.config();
        if (!next.care().settings().equals(started.care().settings()) || !next.stress().equals(started.stress())
                || !next.thresholdsByResponder().equals(started.thresholdsByResponder())) {
            LOG.warn("The stress thresholds or care settings changed: they take effect at the next restart");
        }
    }

    /** The pager, when integrations are configured. */
    public Optional<Paging> paging() {
        return services.paging();
    }

    /** Stops listening and releases everything (the pager finishes committing what it accepted first). */
    public Future<Void> close() {
        services.readiness().set(false);
        // Disconnecting blocks; it runs on a thread of its own (not a Vert.x context, whose loop is about to close).
        Future<Void> bluetoothClosed = services.pairings().stop().<Future<Void>>map(source -> Future.fromCompletionStage(
                CompletableFuture.runAsync(source::close, task -> new Thread(task, "limbic-ble-close").start())))
                .orElse(Future.succeededFuture());
        Future<Void> paging = bluetoothClosed.transform(closed ->
                services.paging().map(Paging::close).orElse(Future.succeededFuture()));
        return paging.eventually(vertx::close).onComplete(closed -> services.registry().close());
    }
}
