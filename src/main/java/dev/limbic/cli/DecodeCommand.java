package dev.limbic.cli;

import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code limbic decode HEX}: decodes one Heart Rate Measurement value and prints it as JSON. */
@Command(name = "decode",
        description = "Decode one Heart Rate Measurement (GATT 0x2A37) value given as hex and print it as JSON.")
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "HEX",
            description = "The value as hex bytes, with or without spaces: '16 84 00 04' or '16840004'.")
    String[] hex;

    @Override
    public Integer call() {
        String digits = String.join("", hex).replaceAll("\\s+", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        byte[] value;
        try {
            if (digits.length() % 2 != 0) {
                throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ")");
            }
            value = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("limbic decode: not a hex value: " + e.getMessage());
            return 1;
        }
        HeartRateMeasurement measurement = new HeartRateMeasurement();
        DecodeOutcome outcome = HeartRateMeasurementDecoder.decode(value, measurement);
        if (!outcome.isOk()) {
            spec.commandLine().getErr().println("limbic decode: malformed Heart Rate Measurement: " + outcome.message());
            return 1;
        }
        spec.commandLine().getOut().println(toJson(measurement));
        return 0;
    }

    /** The JSON form of a measurement, as {@code limbic decode} prints it. */
    static String toJson(HeartRateMeasurement m) {
        StringBuilder json = new StringBuilder(64)
                .append("{\"hr_bpm\": ").append(m.heartRateBpm())
                .append(", \"contact\": \"").append(m.contact().label()).append('"')
                .append(", \"energy_kj\": ").append(m.hasEnergyExpended() ? Integer.toString(m.energyExpendedKj()) : "null")
                .append(", \"rr_ms\": [");
        for (int i = 0; i < m.rrCount(); i++) {
            if (i > 0) {
                json.append(", ");
            }
            json.append(m.rrIntervalMillis(i));
        }
        return json.append("]}").toString();
    }
}
