package dev.limbic.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bench reads counters and histogram quantiles from Prometheus text the way Prometheus would. */
class PrometheusScrapeTest {
    private static final String BEFORE = """
            # HELP limbic_frames_ingested_total Frames applied
            # TYPE limbic_frames_ingested_total counter
            limbic_frames_ingested_total{transport="websocket"} 100.0
            limbic_frames_ingested_total{transport="http"} 5.0
            limbic_frames_rejected_total{reason="out_of_order"} 1.0
            limbic_frame_to_state_seconds_bucket{le="0.001"} 10.0
            limbic_frame_to_state_seconds_bucket{le="0.002"} 10.0
            limbic_frame_to_state_seconds_bucket{le="+Inf"} 10.0
            limbic_frame_to_state_seconds_count 10.0
            """;
    private static final String AFTER = """
            limbic_frames_ingested_total{transport="websocket"} 1100.0
            limbic_frames_ingested_total{transport="http"} 5.0
            limbic_frames_rejected_total{reason="out_of_order"} 3.0
            limbic_frames_rejected_total{reason="too_old"} 7.0
            limbic_frame_to_state_seconds_bucket{le="0.001"} 910.0
            limbic_frame_to_state_seconds_bucket{le="0.002"} 1010.0
            limbic_frame_to_state_seconds_bucket{le="+Inf"} 1010.0
            limbic_frame_to_state_seconds_count 1010.0
            bare_metric 4e3
            """;

    @Test
    void sumsEverySeriesOfACounter() {
        assertThat(new PrometheusScrape(AFTER).sum("limbic_frames_ingested_total")).isEqualTo(1105.0);
        assertThat(new PrometheusScrape(AFTER).sum("bare_metric")).isEqualTo(4000.0);
        assertThat(new PrometheusScrape(AFTER).sum("absent_total")).isNaN();
    }

    @Test
    void sumsByLabel() {
        assertThat(new PrometheusScrape(AFTER).sumByLabel("limbic_frames_rejected_total", "reason"))
                .containsEntry("out_of_order", 3.0).containsEntry("too_old", 7.0).hasSize(2);
    }

    @Test
    void quantileOfTheObservationsBetweenTwoScrapesInterpolatesInsideItsBucket() {
        PrometheusScrape before = new PrometheusScrape(BEFORE);
        PrometheusScrape after = new PrometheusScrape(AFTER);
        // 1000 new observations: 900 up to 1 ms, 100 between 1 and 2 ms. Rank 990 is the 90th of those 100.
        assertThat(after.quantileSince(before, "limbic_frame_to_state_seconds", 0.99)).isCloseTo(0.0019, within(1e-9));
        assertThat(after.quantileSince(before, "limbic_frame_to_state_seconds", 0.45)).isCloseTo(0.0005, within(1e-9));
        assertThat(after.quantileSince(after, "limbic_frame_to_state_seconds", 0.99)).isNaN();
        assertThat(after.quantileSince(before, "absent_seconds", 0.99)).isNaN();
    }

    @Test
    void quantileAboveTheLargestFiniteBoundIsInfinite() {
        PrometheusScrape before = new PrometheusScrape("h_bucket{le=\"0.001\"} 0\nh_bucket{le=\"+Inf\"} 0\n");
        PrometheusScrape after = new PrometheusScrape("h_bucket{le=\"0.001\"} 1\nh_bucket{le=\"+Inf\"} 10\n");
        assertThat(after.quantileSince(before, "h", 0.99)).isInfinite();
    }
}
