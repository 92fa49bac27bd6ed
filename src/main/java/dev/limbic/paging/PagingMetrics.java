package dev.limbic.paging;

import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The pager's meters, in Prometheus form: {@code limbic_incidents_opened_total{integration}},
 * {@code limbic_incidents_resolved_total}, {@code limbic_incidents_open}, {@code limbic_acknowledge_seconds} and
 * {@code limbic_resolve_seconds} (histograms, from opening), and {@code limbic_pages_total{responder,team,night}},
 * where {@code night} says whether the page reached the responder during the configured night in their own timezone,
 * and {@code limbic_responder_open_incidents{responder,team}} (every configured responder, 0 when they hold none).
 * Notifications sent and failed by channel are counted by {@link dev.limbic.notify.NotificationMetrics}.
 */
final class PagingMetrics {
    private final MeterRegistry registry;
    private final Supplier<LimbicConfig> config;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter resolved;
    private final Timer acknowledge;
    private final Timer resolve;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openByResponder = new ConcurrentHashMap<>();
    /** Looked up once per responder and configuration: paging is on the path of every page. */
    private final Map<String, PagedMeters> pagedMeters = new ConcurrentHashMap<>();

    PagingMetrics(MeterRegistry registry, Supplier<LimbicConfig> config) {
        this.registry = registry;
        this.config = config;
        Gauge.builder("limbic.incidents.open", open, AtomicLong::get)
                .description("Incidents triggered or acknowledged").register(registry);
        Gauge.builder("limbic.escalation.backlog", backlog, AtomicLong::get)
                .description("Incidents whose escalation decision is queued or being made").register(registry);
        resolved = Counter.builder("limbic.incidents.resolved").description("Incidents resolved").register(registry);
        acknowledge = histogram("limbic.acknowledge", "Time from an incident's opening to its first acknowledgement");
        resolve = histogram("limbic.resolve", "Time from an incident's opening to its resolution");
        config.get().responders().forEach(responder -> openHeldBy(responder.id()));
    }

    private AtomicLong openHeldBy(String responderId) {
        return openByResponder.computeIfAbsent(responderId, id -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("limbic.responder.open.incidents", count, AtomicLong::get)
                    .description("Open incidents each responder holds (acknowledged by them, or paged at the latest step)")
                    .tag("responder", id).tag("team", config.get().teamLabel(id)).register(registry);
            return count;
        });
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(1))
                .register(registry);
    }

    void opened(String integration) {
        counters.computeIfAbsent("opened|" + integration, key -> Counter.builder("limbic.incidents.opened")
                .description("Incidents opened, by integration").tag("integration", integration)
                .register(registry)).increment();
        open.incrementAndGet();
    }

    void resolved(Duration sinceOpened) {
        resolved.increment();
        resolve.record(sinceOpened.isNegative() ? Duration.ZERO : sinceOpened);
        open.updateAndGet(n -> Math.max(0, n - 1));
    }

    void acknowledged(Duration sinceOpened) {
        acknowledge.record(sinceOpened.isNegative() ? Duration.ZERO : sinceOpened);
    }

    /** Incidents whose escalation decision is queued or being made now. */
    void escalationBacklog(int incidents) {
        backlog.set(incidents);
    }

    /** The open count from the database (at start, and now and then, so it cannot drift). */
    void openIncidents(long count) {
        open.set(count);
    }

    /** Open incidents per responder; every configured responder absent from it holds none. */
    void openIncidentsByResponder(Map<String, Long> counts) {
        config.get().responders().forEach(responder -> openHeldBy(responder.id()));
        counts.keySet().stream().filter(id -> config.get().responder(id).isPresent()).forEach(this::openHeldBy);
        openByResponder.forEach((id, count) -> count.set(counts.getOrDefault(id, 0L)));
    }

    void paged(String responderId, Instant at) {
        LimbicConfig current = config.get();
        PagedMeters meters = pagedMeters.get(responderId);
        if (meters == null || meters.config != current) {
            meters = new PagedMeters(current, responderId);
            pagedMeters.put(responderId, meters);
        }
        boolean night = current.care().settings().isNight(at.atZone(meters.zone).toLocalTime());
        Counter counter = meters.byNight[night ? 1 : 0];
        if (counter == null) {
            String team = meters.team;
            counter = counters.computeIfAbsent("paged|" + responderId + "|" + team + "|" + night, key ->
                    Counter.builder("limbic.pages").description("Pages handed to channels, by responder and team;"
                                    + " night: in the responder's own night hours")
                            .tag("responder", responderId).tag("team", team).tag("night", String.valueOf(night))
                            .register(registry));
            meters.byNight[night ? 1 : 0] = counter;
        }
        counter.increment();
    }

    /** One responder's page counters (day, night) and what labels them, under one configuration. */
    private static final class PagedMeters {
        final LimbicConfig config;
        final ZoneId zone;
        final String team;
        final Counter[] byNight = new Counter[2];

        PagedMeters(LimbicConfig config, String responderId) {
            this.config = config;
            this.zone = config.responder(responderId).map(ResponderConfig::timezone).orElse(ZoneOffset.UTC);
            this.team = config.teamLabel(responderId);
        }
    }
}
