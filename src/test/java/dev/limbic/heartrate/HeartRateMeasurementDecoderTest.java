package dev.limbic.heartrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class HeartRateMeasurementDecoderTest {
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();

    private DecodeOutcome decode(String hex) {
        return HeartRateMeasurementDecoder.decode(HexFormat.of().parseHex(hex.replace(" ", "")), measurement);
    }

    @Test
    void decodesTheExampleFromTheSpecificationOfTheCli() {
        assertThat(decode("16 84 00 04")).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.heartRateBpm()).isEqualTo(132);
        assertThat(measurement.contact()).isEqualTo(SensorContact.DETECTED);
        assertThat(measurement.hasEnergyExpended()).isFalse();
        assertThat(measurement.rrIntervalsMillis()).containsExactly(1000.0);
    }

    /**
     * Every combination of the five defined flag bits (HR width, two contact bits, energy, RR), with
     * the fields each combination requires laid out in order.
     */
    @ParameterizedTest(name = "flags 0x{0}")
    @CsvSource({
            // flags, value,                      hr,  contact,      energy, rr (1/1024 s, '|' separated)
            "00, 00 48,                           72,  UNSUPPORTED,  -1,     ''",
            "01, 01 48 01,                        328, UNSUPPORTED,  -1,     ''",
            "02, 02 48,                           72,  UNSUPPORTED,  -1,     ''",
            "03, 03 48 00,                        72,  UNSUPPORTED,  -1,     ''",
            "04, 04 48,                           72,  LOST,         -1,     ''",
            "05, 05 48 00,                        72,  LOST,         -1,     ''",
            "06, 06 48,                           72,  DETECTED,     -1,     ''",
            "07, 07 48 00,                        72,  DETECTED,     -1,     ''",
            "08, 08 48 10 27,                     72,  UNSUPPORTED,  10000,  ''",
            "09, 09 48 00 ff ff,                  72,  UNSUPPORTED,  65535,  ''",
            "0A, 0a 48 00 00,                     72,  UNSUPPORTED,  0,      ''",
            "0B, 0b 48 00 01 00,                  72,  UNSUPPORTED,  1,      ''",
            "0C, 0c 48 02 00,                     72,  LOST,         2,      ''",
            "0D, 0d 48 00 03 00,                  72,  LOST,         3,      ''",
            "0E, 0e 48 04 00,                     72,  DETECTED,     4,      ''",
            "0F, 0f 48 00 05 00,                  72,  DETECTED,     5,      ''",
            "10, 10 48 55 03,                     72,  UNSUPPORTED,  -1,     853",
            "11, 11 48 00 55 03 60 03,            72,  UNSUPPORTED,  -1,     853|864",
            "12, 12 48,                           72,  UNSUPPORTED,  -1,     ''",
            "13, 13 48 00 00 04,                  72,  UNSUPPORTED,  -1,     1024",
            "14, 14 48 55 03,                     72,  LOST,         -1,     853",
            "15, 15 48 00 55 03,                  72,  LOST,         -1,     853",
            "16, 16 48 55 03 60 03 70 03,         72,  DETECTED,     -1,     853|864|880",
            "17, 17 48 00 55 03,                  72,  DETECTED,     -1,     853",
            "18, 18 48 10 00 55 03,               72,  UNSUPPORTED,  16,     853",
            "19, 19 48 00 10 00 55 03,            72,  UNSUPPORTED,  16,     853",
            "1A, 1a 48 10 00,                     72,  UNSUPPORTED,  16,     ''",
            "1B, 1b 48 00 10 00 55 03,            72,  UNSUPPORTED,  16,     853",
            "1C, 1c 48 10 00 55 03,               72,  LOST,         16,     853",
            "1D, 1d 48 00 10 00 55 03,            72,  LOST,         16,     853",
            "1E, 1e 48 10 00 55 03 60 03,         72,  DETECTED,     16,     853|864",
            "1F, 1f 48 00 10 00 55 03,            72,  DETECTED,     16,     853",
    })
    void decodesEveryFlagCombination(String flags, String value, int hr, SensorContact contact, int energy, String rr) {
        assertThat(decode(value)).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.heartRateBpm()).isEqualTo(hr);
        assertThat(measurement.contact()).isEqualTo(contact);
        assertThat(measurement.energyExpendedKj()).isEqualTo(energy);
        int[] expectedRr = rr.isEmpty() ? new int[0] : java.util.Arrays.stream(rr.split("\\|")).mapToInt(Integer::parseInt).toArray();
        assertThat(measurement.rrCount()).isEqualTo(expectedRr.length);
        for (int i = 0; i < expectedRr.length; i++) {
            assertThat(measurement.rrInterval1024(i)).isEqualTo(expectedRr[i]);
        }
    }

    @Test
    void ignoresReservedFlagBits() {
        assertThat(decode("f6 84 00 04")).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.heartRateBpm()).isEqualTo(132);
        assertThat(measurement.contact()).isEqualTo(SensorContact.DETECTED);
        assertThat(measurement.rrIntervalsMillis()).containsExactly(1000.0);
    }

    @Test
    void convertsRrFromTheWireUnitToMilliseconds() {
        assertThat(decode("10 48 00 02 01 00")).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.rrIntervalsMillis()).containsExactly(500.0, 1000.0 / 1024.0);
    }

    @Test
    void rrPresentFlagWithNoIntervalsIsAnEmptyList() {
        assertThat(decode("10 48")).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.rrCount()).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'',            EMPTY",
            "00,            TRUNCATED_HEART_RATE",
            "01 48,         TRUNCATED_HEART_RATE",
            "01,            TRUNCATED_HEART_RATE",
            "08 48,         TRUNCATED_ENERGY_EXPENDED",
            "08 48 10,      TRUNCATED_ENERGY_EXPENDED",
            "09 48 00 10,   TRUNCATED_ENERGY_EXPENDED",
            "10 48 55,      TRUNCATED_RR_INTERVAL",
            "10 48 55 03 60, TRUNCATED_RR_INTERVAL",
            "18 48 10 00 55, TRUNCATED_RR_INTERVAL",
    })
    void rejectsMalformedValuesWithAReason(String value, DecodeOutcome expected) {
        assertThat(decode(value)).isEqualTo(expected);
        assertThat(expected.message()).isNotBlank();
    }

    @Test
    void rejectsValuesLongerThanAnAttributeCanHold() {
        byte[] tooLong = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH + 1];
        tooLong[0] = 0x10;
        assertThat(HeartRateMeasurementDecoder.decode(tooLong, measurement)).isEqualTo(DecodeOutcome.TOO_LONG);
    }

    @Test
    void decodesTheLongestValueAnAttributeCanHold() {
        byte[] longest = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
        longest[0] = 0x10;
        longest[1] = 60;
        assertThat(HeartRateMeasurementDecoder.decode(longest, measurement)).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.rrCount()).isEqualTo(HeartRateMeasurement.MAX_RR_INTERVALS);
    }

    @Test
    void decodesASliceOfALargerArray() {
        byte[] frame = HexFormat.of().parseHex("ffff1684000400ff");
        assertThat(HeartRateMeasurementDecoder.decode(frame, 2, 4, measurement)).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.heartRateBpm()).isEqualTo(132);
        assertThat(measurement.rrIntervalsMillis()).containsExactly(1000.0);
    }

    @Test
    void reusingAMeasurementLeavesNothingOfThePreviousValue() {
        assertThat(decode("1e 84 10 00 00 04 00 04")).isEqualTo(DecodeOutcome.OK);
        assertThat(decode("00 48")).isEqualTo(DecodeOutcome.OK);
        assertThat(measurement.heartRateBpm()).isEqualTo(72);
        assertThat(measurement.contact()).isEqualTo(SensorContact.UNSUPPORTED);
        assertThat(measurement.hasEnergyExpended()).isFalse();
        assertThat(measurement.rrCount()).isZero();
    }
}
