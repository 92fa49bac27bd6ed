package dev.limbic.paging;

import dev.limbic.alert.Severity;
import dev.limbic.care.FatigueReroute;
import dev.limbic.care.HandOver;
import dev.limbic.care.LoadLedger;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.store.NotificationRecord;
import dev.limbic.store.NotificationStore;
import dev.limbic.store.TimelineEntry;
import dev.limbic.stress.StressListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The running pager's sustainable-load ledger ({@link LoadLedger}): fed every page committed, every resolve, every
 * hand-over and every stress state change of opted-in responders; asked, through {@link FatigueReroute}, whom to
 * page when a responder's fatigue budget is spent. Exports the leads' figures: {@code
 * limbic_fatigue_budget_used_ratio{responder,team}} for every configured responder, and {@code
 * limbic_deferred_pages_total{responder,team}} counting pages rerouted away
 * from a responder. Pages per shift and night pages are {@code limbic_pages_total{responder,team,night}}
 * ({@link PagingMetrics}). No heart rate anywhere.
 *
 * <p>The care settings (night hours, budget) are those at start; responders added by a reload get their meters.
 */
final class LoadTracking {
    private final LoadLedger ledger;
    private final MeterRegistry registry;
    private final Supplier<LimbicConfig> config;
    private final Clock clock;
    private final CareMetrics careMetrics;
    private final Set<String> metered = ConcurrentHashMap.newKeySet();

    LoadTracking(MeterRegistry registry, Supplier<LimbicConfig> config, CareMetrics careMetrics, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.careMetrics = careMetrics;
        this.clock = clock;
        this.ledger = new LoadLedger(config.get().care().settings(), this::zoneOf);
        registerResponders();
    }

    /** The ledger (tests and the leads' figures read it). */
    LoadLedger ledger() {
        return ledger;
    }

    /** Registers the meters of responders the current configuration added. */
    void registerResponders() {
        for (ResponderConfig responder : config.get().responders()) {
            String id = responder.id();
            if (metered.add(id)) {
                String team = config.get().teamLabel(id);
                Gauge.builder("limbic.fatigue.budget.used.ratio", () -> ledger.budgetUsed(id, clock.instant()))
                        .description("Share of the responder's fatigue budget (night pages in the last 7 days) used;"
                                + " 1 = spent").tag("responder", id).tag("team", team).register(registry);
            }
        }
    }

    /**
     * Restores the figures from the pages recorded in the last {@value LoadLedger#HISTORY_DAYS} days (night pages for
     * the budget, open incidents), so a restart does not refresh anyone's budget. Call once, before paging resumes.
     */
    Future<Void> restore(NotificationStore notifications) {
        Instant now = clock.instant();
        return notifications.pagesSince(now.minus(Duration.ofDays(LoadLedger.HISTORY_DAYS))).map(pages -> {
            Set<String> resolved = new HashSet<>();
            for (NotificationStore.PageSent page : pages) {
                String incident = String.valueOf(page.incidentId());
                ledger.onPaged(page.responder(), incident, page.at().isAfter(now) ? now : page.at());
                if (!page.incidentIsOpen()) {
                    resolved.add(incident);
                }
            }
            resolved.forEach(ledger::onIncidentResolved);
            return null;
        });
    }

    /** Who is on call for one evaluation of an incident of {@code severity}, with the fatigue budget applied. */
    FatigueReroute resolver(OnCallResolver schedules, Severity severity) {
        return new FatigueReroute(schedules, ledger, severity);
    }

    /**
     * What one committed decision changed: the pages it issued, whether it resolved the incident, and (from its
     * timeline) hand-overs and rerouted pages.
     */
    void committed(long incidentId, boolean resolved, List<TimelineEntry> timeline, List<NotificationRecord> pages,
                   Instant at) {
        String incident = String.valueOf(incidentId);
        for (NotificationRecord page : pages) {
            ledger.onPaged(page.responder(), incident, at);
        }
        for (TimelineEntry entry : timeline) {
            if (entry.kind().equals(TimelineKind.REASSIGNED.wireName())) {
                JsonObject fields = new JsonObject(entry.fieldsJson());
                String by = fields.getString("by", entry.actor());
                String to = fields.getString("responder");
                if (to != null && !to.equals(by)) {
                    ledger.onHandedOver(new HandOver(by, incident, to));
                }
            } else if (entry.kind().equals(TimelineKind.PAGE_REROUTED.wireName())) {
                String from = new JsonObject(entry.fieldsJson()).getString("responder");
                if (from != null) {
                    careMetrics.pageRerouted(from);
                }
            }
        }
        if (resolved) {
            ledger.onIncidentResolved(incident);
        }
    }

    /** Feeds every stress state change into the ledger (time stressed). */
    StressListener stressListener() {
        return (responder, transition) -> ledger.onStateChange(responder, transition.to(),
                Instant.ofEpochMilli(transition.atMillis()));
    }


    private ZoneId zoneOf(String responder) {
        return config.get().responder(responder).map(ResponderConfig::timezone).orElse(ZoneOffset.UTC);
    }
}
