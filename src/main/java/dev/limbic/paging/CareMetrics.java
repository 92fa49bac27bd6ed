package dev.limbic.paging;

import dev.limbic.care.PageReactionVerdict;
import dev.limbic.care.StressEpisode;
import dev.limbic.config.LimbicConfig;
import dev.limbic.config.ResponderConfig;
import dev.limbic.config.TeamConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The stress-aware rules' meters, as in {@code grafana/METRICS.md} ("Care"):
 * {@code limbic_stress_episodes_total{responder,team,verdict}} (pages whose reaction was judged, by verdict),
 * {@code limbic_breathing_prompts_total{responder,team}}, {@code limbic_page_holds_total{reason}} (non-critical pages
 * held back: {@code acute}, {@code elevated} or {@code breathing}), {@code limbic_page_hold_seconds} (how long a held
 * page waited), {@code limbic_partner_handoffs_total{team,reason}} ({@code acute}, {@code open_incidents} or
 * {@code hand_over}) and {@code limbic_deferred_pages_total{responder,team}}. Every configured responder's and team's
 * counters are registered at start, so they read 0 rather than missing. Never heart rate.
 */
final class CareMetrics {
    /** Why a page was held, as the {@code reason} label. */
    enum HoldReason { ACUTE, ELEVATED, BREATHING }

    /** Why a partner was asked to join (or took over), as the {@code reason} label. */
    enum HandoffReason { ACUTE, OPEN_INCIDENTS, HAND_OVER }

    private final MeterRegistry registry;
    private final Supplier<LimbicConfig> config;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer holdSeconds;

    CareMetrics(MeterRegistry registry, Supplier<LimbicConfig> config) {
        this.registry = registry;
        this.config = config;
        holdSeconds = Timer.builder("limbic.page.hold").description("How long a held non-critical page waited")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        LimbicConfig current = config.get();
        for (ResponderConfig responder : current.responders()) {
            for (PageReactionVerdict verdict : PageReactionVerdict.values()) {
                episode(responder.id(), verdict, 0);
            }
            breathingPrompt(responder.id(), 0);
            deferred(responder.id(), 0);
        }
        for (HoldReason reason : HoldReason.values()) {
            held(reason, 0);
        }
        for (StressEpisode.Cause cause : StressEpisode.Cause.values()) {
            for (StressEpisode.Trigger trigger : StressEpisode.Trigger.values()) {
                episodeOpened(cause.name().toLowerCase(Locale.ROOT), trigger.name().toLowerCase(Locale.ROOT), 0);
            }
        }
        List<String> teams = current.teams().stream().map(TeamConfig::id).toList();
        for (String team : teams.isEmpty() ? List.of("none") : teams) {
            for (HandoffReason reason : HandoffReason.values()) {
                handoff(team, reason, 0);
            }
        }
    }

    /** A page's heart-rate reaction was judged. */
    void pageJudged(String responder, PageReactionVerdict verdict) {
        episode(responder, verdict, 1);
    }

    void breathingPrompt(String responder) {
        breathingPrompt(responder, 1);
    }

    /**
     * A stress episode opened for {@code cause} (as on the timeline: {@code page_reaction}, {@code
     * acute_during_incident}), set off by {@code trigger} ({@code sample}, {@code page}, {@code timer}).
     */
    void episodeOpened(String cause, String trigger) {
        episodeOpened(cause, trigger, 1);
    }

    /** A non-critical page to {@code responder} was held back for {@code reason}. */
    void pageHeld(String responder, HoldReason reason) {
        held(reason, 1);
        deferred(responder, 1);
    }

    /** A non-critical page was routed away from {@code responder}, whose fatigue budget is spent. */
    void pageRerouted(String responder) {
        deferred(responder, 1);
    }

    /** A held page went out after waiting {@code waited}. */
    void heldPageIssued(Duration waited) {
        holdSeconds.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** {@code responder}'s partner was asked to join, or took the incident over. */
    void handoff(String responder, HandoffReason reason) {
        handoff(teamOf(responder), reason, 1);
    }

    private void episode(String responder, PageReactionVerdict verdict, double by) {
        String team = teamOf(responder);
        counter("episode|" + responder + "|" + team + "|" + verdict, () -> Counter.builder("limbic.stress.episodes")
                .description("Pages whose heart-rate reaction was judged, by verdict (REACTION: a stress episode caused"
                        + " by the page)")
                .tag("responder", responder).tag("team", team).tag("verdict", verdict.name())).increment(by);
    }

    private void episodeOpened(String cause, String trigger, double by) {
        counter("opened|" + cause + "|" + trigger, () -> Counter.builder("limbic.stress.episode.openings")
                .description("Stress episodes opened, by cause and by what set the opening off (sample: the decisive "
                        + "heart-rate sample; page: a page to a responder already acute; timer: the end of a reaction "
                        + "window)").tag("cause", cause).tag("trigger", trigger)).increment(by);
    }

    private void breathingPrompt(String responder, double by) {
        String team = teamOf(responder);
        counter("breathing|" + responder + "|" + team, () -> Counter.builder("limbic.breathing.prompts")
                .description("Breathing prompts offered").tag("responder", responder).tag("team", team))
                .increment(by);
    }

    private void deferred(String responder, double by) {
        String team = teamOf(responder);
        counter("deferred|" + responder + "|" + team, () -> Counter.builder("limbic.deferred.pages")
                .description("Pages deferred for a responder (held or handed off because of their state or budget)")
                .tag("responder", responder).tag("team", team)).increment(by);
    }

    private void held(HoldReason reason, double by) {
        String label = reason.name().toLowerCase(Locale.ROOT);
        counter("held|" + label, () -> Counter.builder("limbic.page.holds")
                .description("Non-critical pages held back, by reason").tag("reason", label)).increment(by);
    }

    private void handoff(String team, HandoffReason reason, double by) {
        String label = reason.name().toLowerCase(Locale.ROOT);
        counter("handoff|" + team + "|" + label, () -> Counter.builder("limbic.partner.handoffs")
                .description("Partners asked to join a stressed or overloaded responder, or handed the incident")
                .tag("team", team).tag("reason", label)).increment(by);
    }

    private Counter counter(String key, Supplier<Counter.Builder> builder) {
        return counters.computeIfAbsent(key, k -> builder.get().register(registry));
    }

    private String teamOf(String responder) {
        return config.get().teamLabel(responder);
    }
}
