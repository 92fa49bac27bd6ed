package dev.limbic.cli;

import dev.limbic.ble.BluetoothAddress;
import dev.limbic.ble.PairingStore;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code limbic unpair ADDRESS}: forgets a strap's pairing; a running gateway disconnects it within seconds. */
@Command(name = "unpair", description = "Forget a Bluetooth LE strap's pairing.")
final class UnpairCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The strap's address.")
    String address;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "limbic.yaml",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() throws Exception {
        String canonical;
        try {
            canonical = BluetoothAddress.parse(address);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("limbic unpair: " + e.getMessage());
            return 2;
        }
        LimbicConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("limbic unpair: " + config + " cannot be used:" + System.lineSeparator()
                    + e.getMessage());
            return 1;
        }
        if (new PairingStore(loaded.dataDir()).unpair(canonical).isEmpty()) {
            spec.commandLine().getErr().println("limbic unpair: " + canonical + " is not paired");
            return 1;
        }
        spec.commandLine().getOut().println("unpaired " + canonical);
        return 0;
    }
}
