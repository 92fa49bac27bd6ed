package dev.limbic.stress;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detector on real public recordings (copied into the test resources, see their README): ordinary
 * daily life, a spike injected into a real night, lab stress tasks, exercise and sparse wrist data.
 * Some tests pin down what heart rate alone cannot do, so a change that hides a limitation shows up.
 */
class RealRecordingsTest {
    /** One row of a recording: time in seconds, a value, and the row's task label (or null). */
    private record Row(double seconds, double value, String task) {
    }

    private final StressDetector detector = new StressDetector(StressThresholds.defaults());
    private final List<StressTransition> transitions = new ArrayList<>();

    private static List<Row> load(String name, String timeColumn, String valueColumn) throws IOException {
        InputStream in = RealRecordingsTest.class.getResourceAsStream("/recordings/" + name);
        assertThat(in).as("test resource recordings/%s", name).isNotNull();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(reader.readLine().split(","));
            int time = header.indexOf(timeColumn);
            int value = header.indexOf(valueColumn);
            int task = header.indexOf("task");
            List<Row> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                if (cells[value].isEmpty()) {
                    continue;
                }
                rows.add(new Row(Double.parseDouble(cells[time]), Double.parseDouble(cells[value]),
                        task < 0 ? null : cells[task]));
            }
            return rows;
        }
    }

    private void beats(List<Row> rows) {
        for (Row row : rows) {
            record(detector.onBeat(millis(row.seconds()), row.value()));
        }
    }

    private void readings(List<Row> rows) {
        for (Row row : rows) {
            record(detector.onHeartRate(millis(row.seconds()), row.value()));
        }
    }

    private void record(StressTransition transition) {
        if (transition != null) {
            transitions.add(transition);
        }
    }

    private long count(StressState state) {
        return transitions.stream().filter(t -> t.to() == state).count();
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    @Test
    void ordinaryDailyLifeOnA24HourChestRecordingIsRarelyAcute() throws IOException {
        List<Row> rows = load("nsr001_rr.csv", "beat_time_s", "rr_ms");
        beats(rows);

        double days = (rows.get(rows.size() - 1).seconds() - rows.get(0).seconds()) / 86_400;
        assertThat(days).isGreaterThan(0.9);
        assertThat(count(StressState.ACUTE) / days).as("ACUTE entries per day").isLessThan(3);
        assertThat(count(StressState.UNKNOWN)).as("clean chest ECG never reads as missing data").isZero();
        assertThat(detector.rejectedBeats()).as("artefacts (ectopic beats) rejected").isLessThan(rows.size() * 3L / 100);
        assertThat(detector.baselineLearned()).isTrue();
    }

    @Test
    void aSpikeInARealNightIsAcuteWithin45Seconds() throws IOException {
        List<Row> night = load("nsr001_rr.csv", "beat_time_s", "rr_ms").stream()
                .filter(row -> row.seconds() < 16.5 * 3600).toList();
        beats(night);
        assertThat(detector.state()).isEqualTo(StressState.CALM);
        double asleep = detector.heartRateBpm();
        transitions.clear();

        SyntheticHeart paged = new SyntheticHeart(21, millis(night.get(night.size() - 1).seconds()), 20);
        long riseStart = paged.nowMillis();
        for (SyntheticHeart.Beat beat : paged.beats(60, s -> s < 10 ? asleep + 6 * s : asleep + 60)) {
            record(detector.onBeat(beat.endMillis(), beat.rrMillis()));
        }

        StressTransition acute = transitions.stream().filter(t -> t.to() == StressState.ACUTE).findFirst().orElse(null);
        assertThat(acute).as("transitions %s", transitions).isNotNull();
        assertThat(acute.atMillis() - riseStart).isLessThanOrEqualTo(45_000);
        assertThat(acute.baselineBpm()).isBetween(50.0, 70.0);
    }

    @Test
    void theLabInterviewOfAStronglyReactingParticipantIsAcute() throws IOException {
        List<Row> rows = load("stress-predict_p02_hr_1hz.csv", "unix_time_s", "hr_bpm");
        double interviewStart = rows.stream().filter(r -> "interview".equals(r.task())).mapToDouble(Row::seconds).min().orElseThrow();
        double interviewEnd = rows.stream().filter(r -> "interview".equals(r.task())).mapToDouble(Row::seconds).max().orElseThrow();
        readings(rows);

        assertThat(transitions).filteredOn(t -> t.to() == StressState.ACUTE)
                .as("ACUTE once, during the interview")
                .extracting(t -> t.atMillis() / 1000.0)
                .hasSize(1)
                .allMatch(t -> t >= interviewStart && t <= interviewEnd);
    }

    @Test
    void moderateLabStressOftenDoesNotShowInHeartRateAlone() throws IOException {
        readings(load("stress-predict_p03_hr_1hz.csv", "unix_time_s", "hr_bpm"));

        assertThat(transitions).extracting(StressTransition::to)
                .as("Stroop and interview leave this participant CALM: a limitation, not a goal")
                .containsExactly(StressState.CALM);
    }

    @Test
    void exerciseLooksLikeStressToHeartRateAlone() throws IOException {
        readings(load("anaerobic_S04_hr_1hz.csv", "unix_time_s", "hr_bpm"));

        assertThat(count(StressState.ACUTE)).as("anaerobic exercise enters ACUTE: heart rate cannot tell it from stress")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void sparseWristBeatsReadMostlyUnknownAndNeverStressed() throws IOException {
        List<Row> rows = load("stress-predict_ibi_S02.csv", "unix_time_s", "ibi_ms");
        beats(rows);
        long end = millis(rows.get(rows.size() - 1).seconds());
        record(detector.tick(end + 31_000));

        long unknownMillis = 0;
        long from = millis(rows.get(0).seconds());
        StressState state = StressState.UNKNOWN;
        for (StressTransition t : transitions) {
            if (state == StressState.UNKNOWN) {
                unknownMillis += t.atMillis() - from;
            }
            state = t.to();
            from = t.atMillis();
        }
        long total = end + 31_000 - millis(rows.get(0).seconds());
        assertThat(unknownMillis).as("time UNKNOWN").isGreaterThan(total / 2);
        assertThat(transitions).extracting(StressTransition::to)
                .doesNotContain(StressState.ELEVATED, StressState.ACUTE);
    }
}
