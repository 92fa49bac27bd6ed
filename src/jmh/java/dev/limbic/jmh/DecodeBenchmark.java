package dev.limbic.jmh;

import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Decoding one Heart Rate Measurement value, and one whole relay frame (header plus value), for the flag
 * combinations straps send. Run with {@code -prof gc}: both allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecodeBenchmark {
    /** The flag combination of the value: heart-rate width, contact, energy, number of RR intervals. */
    @Param({"hr8", "hr8_contact_rr1", "hr8_contact_rr4", "hr16_energy", "hr16_contact_energy_rr2"})
    public String flags;

    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private byte[] value;
    private byte[] relayFrame;

    @Setup
    public void encode() {
        value = switch (flags) {
            case "hr8" -> HeartRateMeasurementEncoder.encode(72, SensorContact.UNSUPPORTED, HeartRateMeasurement.NO_ENERGY);
            case "hr8_contact_rr1" -> HeartRateMeasurementEncoder.encode(72, SensorContact.DETECTED,
                    HeartRateMeasurement.NO_ENERGY, 850);
            case "hr8_contact_rr4" -> HeartRateMeasurementEncoder.encode(132, SensorContact.DETECTED,
                    HeartRateMeasurement.NO_ENERGY, 470, 462, 455, 468);
            case "hr16_energy" -> HeartRateMeasurementEncoder.encode(300, SensorContact.UNSUPPORTED, 1234);
            case "hr16_contact_energy_rr2" -> HeartRateMeasurementEncoder.encode(260, SensorContact.DETECTED, 42, 236, 240);
            default -> throw new IllegalArgumentException("unknown flag combination " + flags);
        };
        relayFrame = RelayFrame.of(1_764_000_000_000L, value);
    }

    @Benchmark
    public DecodeOutcome value() {
        return HeartRateMeasurementDecoder.decode(value, 0, value.length, measurement);
    }

    @Benchmark
    public void relayFrame(Blackhole blackhole) {
        blackhole.consume(RelayFrame.sentAtMillis(relayFrame, 0));
        blackhole.consume(HeartRateMeasurementDecoder.decode(relayFrame, RelayFrame.HEADER_LENGTH,
                relayFrame.length - RelayFrame.HEADER_LENGTH, measurement));
        blackhole.consume(measurement.heartRateBpm());
    }
}
