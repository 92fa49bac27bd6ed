package dev.limbic.grafana;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract check finds unknown metrics, labels a metric does not have, and groupings by such labels. */
class PromQlUseTest {
    private static final MetricsContract CONTRACT = MetricsContract.read(Path.of("grafana", "METRICS.md"));

    @Test
    void documentedMetricsLabelsAndHistogramSeriesPass() {
        assertThat(PromQlUse.problems(
                "histogram_quantile(0.9, sum by (le) (rate(limbic_acknowledge_seconds_bucket{instance=~\"$instance\"}[5m])))",
                CONTRACT)).isEmpty();
        assertThat(PromQlUse.problems(
                "sum by (responder) (limbic_responder_open_incidents{team=~\"$team\",responder=~\"$responder\"})",
                CONTRACT)).isEmpty();
    }

    @Test
    void anUndocumentedMetricIsReported() {
        assertThat(PromQlUse.problems("sum(rate(limbic_heart_rate_bpm[1m]))", CONTRACT))
                .containsExactly("metric limbic_heart_rate_bpm is not in grafana/METRICS.md");
    }

    @Test
    void histogramSuffixesOnlyForHistograms() {
        assertThat(PromQlUse.problems("limbic_incidents_open_bucket", CONTRACT))
                .containsExactly("metric limbic_incidents_open_bucket is not in grafana/METRICS.md");
    }

    @Test
    void aMatcherOnALabelTheMetricLacksIsReported() {
        assertThat(PromQlUse.problems("sum(increase(limbic_page_holds_total{team=~\"$team\"}[1h]))", CONTRACT))
                .singleElement().asString().startsWith("limbic_page_holds_total has no label team");
    }

    @Test
    void groupingByALabelNoMetricHasIsReported() {
        assertThat(PromQlUse.problems("sum by (responder) (limbic_incidents_open)", CONTRACT))
                .containsExactly("groups by responder, a label none of its metrics has");
    }

    @Test
    void anExpressionWithoutAnyMetricIsReported() {
        assertThat(PromQlUse.problems("vector(1)", CONTRACT)).containsExactly("uses no documented metric");
    }
}
