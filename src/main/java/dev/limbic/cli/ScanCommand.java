package dev.limbic.cli;

import dev.limbic.ble.AdvertisedStrap;
import dev.limbic.ble.BluetoothUnavailableException;
import dev.limbic.ble.TinybCentral;
import dev.limbic.config.ConfigException;
import dev.limbic.config.FirmwareProfileLoader;
import dev.limbic.firmware.FirmwareProfiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code limbic scan}: lists nearby devices advertising the Heart Rate service, with their firmware profile. */
@Command(name = "scan", description = "List nearby Bluetooth LE heart-rate devices (service 0x180D): address, "
        + "signal strength, name and the firmware profile that matches; strongest signal first.")
final class ScanCommand implements Callable<Integer> {
    /** Exit status when there is no usable Bluetooth. */
    static final int NO_BLUETOOTH = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "N",
            description = "How long to listen for advertisements (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1 || seconds > 300) {
            err.println("limbic scan: --seconds must be between 1 and 300, was " + seconds);
            return 2;
        }
        FirmwareProfiles profiles;
        try {
            profiles = FirmwareProfileLoader.loadBundled();
        } catch (ConfigException e) {
            err.println("limbic scan: the bundled firmware profiles are broken:" + System.lineSeparator() + e.getMessage());
            return 1;
        }
        TinybCentral central;
        try {
            central = TinybCentral.open();
        } catch (BluetoothUnavailableException e) {
            err.println("limbic scan: no Bluetooth: " + e.getMessage());
            return NO_BLUETOOTH;
        }
        List<AdvertisedStrap> straps = central.scan(Duration.ofSeconds(seconds), Duration.ofMillis(250)).stream()
                .sorted(Comparator.comparingInt(AdvertisedStrap::rssi).reversed()).toList();
        out.printf("%-17s  %5s  %-28s  %s%n", "ADDRESS", "RSSI", "NAME", "PROFILE");
        for (AdvertisedStrap strap : straps) {
            out.printf("%-17s  %5d  %-28s  %s%n", strap.address(), strap.rssi(), strap.name(),
                    profiles.match(strap.name(), strap.manufacturerIds()).family());
        }
        out.println(straps.size() + (straps.size() == 1 ? " heart-rate device" : " heart-rate devices") + " found");
        return 0;
    }
}
