package dev.limbic.alert;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private static AlertEvent alert(String integration, Map<String, String> labels) {
        return new AlertEvent(integration, "k", AlertAction.TRIGGER, Severity.ERROR, "disk full", "db1", labels, "{}",
                Instant.parse("2026-06-01T00:00:00Z"));
    }

    private final Router router = new Router(List.of(
            new Route("database", Set.of(), List.of(LabelMatcher.parse("team=db"), LabelMatcher.parse("env!=staging")), "db-oncall"),
            new Route("critical", Set.of(), List.of(LabelMatcher.parse("severity=~\"crit.*|page\"")), "sre-critical"),
            new Route("payments-pd", Set.of("pagerduty-payments"), List.of(), "payments")),
            "catch-all");

    @Test
    void theFirstMatchingRouteWins() {
        assertThat(router.route(alert("am", Map.of("team", "db", "severity", "critical"))))
                .isEqualTo(new Router.RouteChoice("db-oncall", "database"));
        assertThat(router.route(alert("am", Map.of("team", "db", "env", "staging", "severity", "critical"))))
                .isEqualTo(new Router.RouteChoice("sre-critical", "critical"));
    }

    @Test
    void regexMatchersMatchTheWholeValue() {
        assertThat(router.route(alert("am", Map.of("severity", "page"))).policyId()).isEqualTo("sre-critical");
        assertThat(router.route(alert("am", Map.of("severity", "pager"))).policyId()).isEqualTo("catch-all");
    }

    @Test
    void anIntegrationRouteTakesEverythingFromThatIntegration() {
        assertThat(router.route(alert("pagerduty-payments", Map.of("component", "api"))))
                .isEqualTo(new Router.RouteChoice("payments", "payments-pd"));
    }

    @Test
    void anAlertNoRouteMatchesGoesToTheDefaultPolicy() {
        assertThat(router.route(alert("am", Map.of())))
                .isEqualTo(new Router.RouteChoice("catch-all", Router.DEFAULT_ROUTE));
    }

    @Test
    void aMissingLabelIsMatchedAsEmpty() {
        assertThat(LabelMatcher.parse("env=").matches(Map.of())).isTrue();
        assertThat(LabelMatcher.parse("env!~prod.*").matches(Map.of())).isTrue();
    }

    @Test
    void parseReadsEveryOperator() {
        assertThat(LabelMatcher.parse("a=b")).isEqualTo(LabelMatcher.of("a", LabelMatcher.Operator.EQUALS, "b"));
        assertThat(LabelMatcher.parse("a != b")).isEqualTo(LabelMatcher.of("a", LabelMatcher.Operator.NOT_EQUALS, "b"));
        assertThat(LabelMatcher.parse("a=~b.*")).isEqualTo(LabelMatcher.of("a", LabelMatcher.Operator.REGEX, "b.*"));
        assertThat(LabelMatcher.parse("a!~\"b\"")).isEqualTo(LabelMatcher.of("a", LabelMatcher.Operator.NOT_REGEX, "b"));
    }

    @Test
    void badMatchersAreRejectedWithTheReason() {
        assertThatThrownBy(() -> LabelMatcher.parse("no-operator")).hasMessageContaining("not a label matcher");
        assertThatThrownBy(() -> LabelMatcher.parse("=value")).hasMessageContaining("not a label matcher");
        assertThatThrownBy(() -> LabelMatcher.parse("team=~(db")).hasMessageContaining("'team'").hasMessageContaining("invalid regex");
    }
}
