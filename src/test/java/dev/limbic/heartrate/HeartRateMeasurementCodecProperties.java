package dev.limbic.heartrate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeartRateMeasurementCodecProperties {

    @Property
    void whatTheEncoderWritesTheDecoderReadsBack(@ForAll @IntRange(max = 0xFFFF) int heartRate,
                                                 @ForAll SensorContact contact,
                                                 @ForAll @IntRange(min = -1, max = 0xFFFF) int energy,
                                                 @ForAll @Size(max = 9) List<@IntRange(max = 0xFFFF) Integer> rr) {
        int[] rrIntervals = rr.stream().mapToInt(Integer::intValue).toArray();
        byte[] value = HeartRateMeasurementEncoder.encode(heartRate, contact, energy, rrIntervals);

        HeartRateMeasurement decoded = new HeartRateMeasurement();
        assertThat(HeartRateMeasurementDecoder.decode(value, decoded)).isEqualTo(DecodeOutcome.OK);
        assertThat(decoded.heartRateBpm()).isEqualTo(heartRate);
        assertThat(decoded.contact()).isEqualTo(contact);
        assertThat(decoded.energyExpendedKj()).isEqualTo(energy);
        assertThat(decoded.rrCount()).isEqualTo(rrIntervals.length);
        for (int i = 0; i < rrIntervals.length; i++) {
            assertThat(decoded.rrInterval1024(i)).isEqualTo(rrIntervals[i]);
        }
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 600) byte[] value) {
        DecodeOutcome outcome = HeartRateMeasurementDecoder.decode(value, new HeartRateMeasurement());
        assertThat(outcome).isNotNull();
    }

    @Property
    void relayFrameHeaderKeepsTheSendTime(@ForAll long sentAtMillis) {
        byte[] frame = RelayFrame.of(sentAtMillis, new byte[]{0x00, 72});
        assertThat(frame[0]).isEqualTo(RelayFrame.VERSION_1);
        assertThat(RelayFrame.sentAtMillis(frame, 0)).isEqualTo(sentAtMillis);
    }
}
