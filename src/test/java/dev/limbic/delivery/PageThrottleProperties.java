package dev.limbic.delivery;

import dev.limbic.alert.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate limit never drops a page and never lets more out than it allows. */
class PageThrottleProperties {

    @Property
    void everyPageComesOutExactlyOnceAndTheLimitHolds(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 20_000) Integer> gapsMillis,
            @ForAll("severities") List<Severity> severities,
            @ForAll @IntRange(min = 1, max = 30) int pagesPerMinute,
            @ForAll @IntRange(min = 1, max = 5) int burst) {
        RateLimit limit = new RateLimit(pagesPerMinute, burst);
        PageThrottle throttle = new PageThrottle(limit, 0);
        List<String> out = new ArrayList<>();
        List<Long> nonCriticalSendTimes = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < gapsMillis.size(); i++) {
            now += gapsMillis.get(i);
            long due = throttle.nextReleaseAtMillis().orElse(Long.MAX_VALUE);
            if (due <= now) {
                long at = due;
                throttle.release(at).ifPresent(n -> record(n, at, out, nonCriticalSendTimes));
            }
            Severity severity = severities.isEmpty() ? Severity.WARNING : severities.get(i % severities.size());
            long at = now;
            throttle.admit(PageThrottleTest.page(String.valueOf(i), severity), at)
                    .ifPresent(n -> record(n, at, out, nonCriticalSendTimes));
        }
        while (throttle.nextReleaseAtMillis().isPresent()) {
            long at = throttle.nextReleaseAtMillis().getAsLong();
            throttle.release(at).ifPresent(n -> record(n, at, out, nonCriticalSendTimes));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < gapsMillis.size(); i++) {
            expected.add(String.valueOf(i));
        }
        assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
        // In any minute, non-critical deliveries stay within burst + pagesPerMinute.
        for (int i = 0; i < nonCriticalSendTimes.size(); i++) {
            long start = nonCriticalSendTimes.get(i);
            long inWindow = nonCriticalSendTimes.stream().filter(t -> t >= start && t < start + 60_000).count();
            assertThat(inWindow).isLessThanOrEqualTo(burst + pagesPerMinute);
        }
    }

    private static void record(Notification n, long at, List<String> out, List<Long> nonCriticalSendTimes) {
        if (n.kind() == NotificationKind.PAGE_BUNDLE) {
            n.bundled().forEach(member -> out.add(member.id()));
        } else {
            out.add(n.id());
        }
        if (!(n.kind() == NotificationKind.PAGE && n.severity().isCritical())) {
            nonCriticalSendTimes.add(at);
        }
    }

    @Provide
    Arbitrary<List<Severity>> severities() {
        return Arbitraries.of(Severity.WARNING, Severity.WARNING, Severity.INFO, Severity.ERROR, Severity.CRITICAL)
                .list().ofMaxSize(10);
    }
}
