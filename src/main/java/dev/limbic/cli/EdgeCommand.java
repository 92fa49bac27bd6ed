package dev.limbic.cli;

import dev.limbic.ble.BleMetrics;
import dev.limbic.ble.BleSettings;
import dev.limbic.ble.BleSource;
import dev.limbic.ble.Pairing;
import dev.limbic.ble.PairingStore;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.edge.EdgeRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code limbic edge --hub URL --token TOKEN}: runs next to the straps, links the straps paired on this box
 * ({@code limbic pair}) and forwards their frames to a central Limbic's device stream, buffering through short
 * outages. The token is a device token configured at the hub; its responder is the one the frames count for.
 */
@Command(name = "edge", description = "Forward this box's paired Bluetooth straps to a central Limbic (the hub).")
final class EdgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub's base URL (http or https).")
    String hub;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "A device token configured at the hub.")
    String token;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "limbic.yaml",
            description = "This box's configuration, for data_dir and its pairings (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        URI hubUri;
        try {
            hubUri = new URI(hub.trim());
        } catch (URISyntaxException e) {
            err.println("limbic edge: --hub: '" + hub + "' is not a URL");
            return 2;
        }
        if (token.isBlank()) {
            err.println("limbic edge: --token: must not be empty");
            return 2;
        }
        LimbicConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("limbic edge: " + config + " cannot be used:" + System.lineSeparator() + e.getMessage());
            return 1;
        }
        List<Pairing> pairings = new PairingStore(loaded.dataDir()).all();
        if (pairings.isEmpty()) {
            err.println("limbic edge: no straps are paired on this box (limbic pair ADDRESS --responder ID)");
            return 1;
        }
        Vertx vertx = Vertx.vertx();
        EdgeRelay relay;
        try {
            relay = new EdgeRelay(vertx, hubUri, token.trim(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("limbic edge: " + e.getMessage());
            vertx.close();
            return 2;
        }
        relay.start();
        BleSource source = new BleSource(pairings, FirmwareProfileLoader.loadBundled(), relay,
                new BleMetrics(new SimpleMeterRegistry()), BleSettings.defaults(), Clock.systemUTC()).start();
        spec.commandLine().getOut().println("limbic edge: relaying " + pairings.size() + " paired strap(s) to " + hubUri);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            source.close();
            relay.close();
            vertx.close();
            stopped.countDown();
        }, "limbic-edge-stop"));
        stopped.await();
        return 0;
    }
}
