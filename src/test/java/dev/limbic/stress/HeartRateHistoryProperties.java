package dev.limbic.stress;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The running count of seconds with data agrees with counting them one by one, whatever the gaps. */
class HeartRateHistoryProperties {
    private static final long START = 1_700_000_000_000L;

    @Property(tries = 300)
    void secondsWithDataMatchesACount(@ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 40_000) Integer> gapsMillis,
                                      @ForAll @IntRange(min = 0, max = 2_500) int coverMillis,
                                      @ForAll @IntRange(min = -400, max = 20) int fromSecondsBack,
                                      @ForAll @IntRange(min = 0, max = 400) int lengthSeconds) {
        HeartRateHistory history = new HeartRateHistory();
        long t = START;
        for (int gap : gapsMillis) {
            t += gap;
            history.record(t, t - coverMillis, 70);
        }
        long from = t + fromSecondsBack * 1000L;
        long to = from + lengthSeconds * 1000L;
        int counted = 0;
        for (long s = Math.floorDiv(from, 1000); s <= Math.floorDiv(to - 1, 1000); s++) {
            if (!Double.isNaN(history.bpmAt(s * 1000))) {
                counted++;
            }
        }
        assertThat(history.secondsWithData(from, to)).isEqualTo(counted);
    }
}
