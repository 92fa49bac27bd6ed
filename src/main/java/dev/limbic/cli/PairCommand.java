package dev.limbic.cli;

import dev.limbic.ble.BluetoothAddress;
import dev.limbic.ble.Pairing;
import dev.limbic.ble.PairingStore;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code limbic pair ADDRESS --responder ID}: binds a strap to a responder who opted in to heart-rate monitoring,
 * stored in the data directory ({@link PairingStore}) so the gateway connects to it on every start
 * (a running gateway notices the new pairing within seconds).
 */
@Command(name = "pair", description = "Bind a Bluetooth LE strap to a responder (stored in the data directory).")
final class PairCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The strap's address, as `limbic scan` shows it.")
    String address;

    @Option(names = "--responder", required = true, paramLabel = "ID", description = "The responder who wears it.")
    String responder;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "limbic.yaml",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String canonical;
        try {
            canonical = BluetoothAddress.parse(address);
        } catch (IllegalArgumentException e) {
            err.println("limbic pair: " + e.getMessage());
            return 2;
        }
        LimbicConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("limbic pair: " + config + " cannot be used:" + System.lineSeparator() + e.getMessage());
            return 1;
        }
        Optional<ResponderConfig> who = loaded.responders().stream().filter(r -> r.id().equals(responder)).findFirst();
        if (who.isEmpty()) {
            err.println("limbic pair: --responder: no responder '" + responder + "' in " + config);
            return 2;
        }
        if (!who.get().heartRateMonitoring()) {
            err.println("limbic pair: --responder: '" + responder + "' has not opted in to heart-rate monitoring "
                    + "(heart_rate_monitoring: true in " + config + ")");
            return 2;
        }
        Pairing pairing = new PairingStore(loaded.dataDir()).pair(canonical, responder, Instant.now());
        spec.commandLine().getOut().println("paired " + pairing.address() + " to responder " + pairing.responder());
        return 0;
    }
}
