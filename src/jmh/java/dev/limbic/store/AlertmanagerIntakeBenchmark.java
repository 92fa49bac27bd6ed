package dev.limbic.store;

import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.LabelMatcher;
import dev.limbic.alert.Route;
import dev.limbic.alert.Router;
import dev.limbic.alert.Severity;
import dev.limbic.intake.AlertmanagerWebhookParser;
import dev.limbic.intake.DedupMode;
import dev.limbic.intake.IntakeFormat;
import dev.limbic.intake.Integration;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The CPU one Alertmanager webhook of ten firing alerts costs on the intake's request path before the database:
 * from the request's bytes to the events the intake stores (parse, alert events, storable check, idempotency key,
 * labels JSON, routing over the five non-matching routes {@code limbic bench intake} configures). {@code parse}
 * and {@code plan} measure the two halves. In package {@code store} to reach {@link DurableAlertIntake#plan}.
 * A longer warm-up than the per-frame benchmarks: on a loaded 2-core box the JIT needs it for this much code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AlertmanagerIntakeBenchmark {
    private static final int ALERTS = 10;

    private final AlertmanagerWebhookParser parser = AlertmanagerWebhookParser.alertmanager();
    private final Integration integration = Integration.withSecret("bench", IntakeFormat.ALERTMANAGER,
            "bench-secret", DedupMode.ALERT, Severity.WARNING);
    private final Instant receivedAt = Instant.parse("2026-12-01T10:00:00Z");
    private Function<AlertEvent, String> policyFor;
    private byte[] body;
    private List<AlertEvent> events;

    @Setup
    public void setUp() throws Exception {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            routes.add(new Route("probe" + i, Set.of(), List.of(LabelMatcher.parse("probe=p" + i)), "probe" + i));
        }
        Router router = new Router(routes, "bench");
        policyFor = event -> router.route(event).policyId();
        body = payload().getBytes(StandardCharsets.UTF_8);
        events = parse();
        if (events.size() != ALERTS) {
            throw new IllegalStateException("expected " + ALERTS + " events, parsed " + events.size());
        }
    }

    /** Bytes to planned events: everything the intake does per webhook before its lanes. */
    @Benchmark
    public List<PlannedEvent> webhook() throws Exception {
        return plan(parse());
    }

    /** Bytes to alert events, as {@code AlertIntakeRoutes} parses a webhook. */
    @Benchmark
    public List<AlertEvent> parse() throws Exception {
        return parser.parse(body, integration, receivedAt);
    }

    /** Alert events to planned events. */
    @Benchmark
    public List<PlannedEvent> plan() {
        return plan(events);
    }

    private List<PlannedEvent> plan(List<AlertEvent> parsed) {
        List<PlannedEvent> planned = new ArrayList<>(parsed.size());
        for (AlertEvent event : parsed) {
            planned.add(DurableAlertIntake.plan(event, policyFor));
        }
        return planned;
    }

    /** An Alertmanager 0.25 webhook (version 4), fields in the order Alertmanager writes them. */
    static String payload() {
        StringBuilder alerts = new StringBuilder();
        for (int n = 0; n < ALERTS; n++) {
            if (n > 0) {
                alerts.append(',');
            }
            alerts.append("""
                    {"status":"firing","labels":{"alertname":"HighErrorRate","instance":"api-%1$d:8080","job":"api",\
                    "severity":"warning"},"annotations":{"description":"The 5xx rate of api-%1$d:8080 is above 5%% \
                    for 5 minutes.","summary":"High 5xx rate on api-%1$d"},"startsAt":"2026-12-01T09:55:37.39Z",\
                    "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example.org:9090/graph?g0.expr=\
                    job%%3Aerrors%%3Arate5m%%7Bjob%%3D%%22api%%22%%7D+%%3E+0.05&g0.tab=1","fingerprint":"%2$s"}"""
                    .formatted(n, Long.toHexString(0x1000_0000_0000L + n)));
        }
        return """
                {"receiver":"limbic","status":"firing","alerts":[%s],"groupLabels":{"alertname":"HighErrorRate"},\
                "commonLabels":{"alertname":"HighErrorRate","job":"api","severity":"warning"},"commonAnnotations":{},\
                "externalURL":"http://alertmanager.example.org:9093","version":"4",\
                "groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0}""".formatted(alerts);
    }
}
