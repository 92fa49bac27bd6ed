package dev.limbic.delivery;

import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PageThrottleTest {
    private static final RateLimit TWO_PER_MINUTE = new RateLimit(2, 2);

    static Notification page(String id, Severity severity) {
        return Notification.page(id, "alice", "inc-" + id, severity, "Alert " + id, "details of " + id,
                Instant.EPOCH);
    }

    @Test
    void pagesWithinTheBurstGoOutAtOnce() {
        PageThrottle throttle = new PageThrottle(TWO_PER_MINUTE, 0);
        assertThat(throttle.admit(page("1", Severity.WARNING), 0)).isPresent();
        assertThat(throttle.admit(page("2", Severity.WARNING), 10)).isPresent();
        assertThat(throttle.heldCount()).isZero();
        assertThat(throttle.nextReleaseAtMillis()).isEmpty();
    }

    @Test
    void pagesBeyondTheLimitAreHeldAndBundledWhenATokenIsBack() {
        PageThrottle throttle = new PageThrottle(TWO_PER_MINUTE, 0);
        throttle.admit(page("1", Severity.WARNING), 0);
        throttle.admit(page("2", Severity.WARNING), 0);
        for (int i = 3; i <= 7; i++) {
            assertThat(throttle.admit(page(String.valueOf(i), i == 5 ? Severity.ERROR : Severity.WARNING), 1000))
                    .isEmpty();
        }
        assertThat(throttle.heldCount()).isEqualTo(5);
        assertThat(throttle.nextReleaseAtMillis()).hasValue(30_000);
        assertThat(throttle.release(29_999)).isEmpty();

        Notification bundle = throttle.release(30_000).orElseThrow();
        assertThat(bundle.kind()).isEqualTo(NotificationKind.PAGE_BUNDLE);
        assertThat(bundle.title()).isEqualTo("5 more alerts");
        assertThat(bundle.severity()).isEqualTo(Severity.ERROR);
        assertThat(bundle.bundled()).extracting(Notification::id).containsExactly("3", "4", "5", "6", "7");
        assertThat(bundle.incidentIds()).containsExactly("inc-3", "inc-4", "inc-5", "inc-6", "inc-7");
        assertThat(bundle.text()).startsWith("- [warning] Alert 3\n- [warning] Alert 4\n- [error] Alert 5");
        assertThat(bundle.responder()).isEqualTo("alice");
        assertThat(throttle.heldCount()).isZero();
    }

    @Test
    void aSingleHeldPageGoesOutAsItself() {
        PageThrottle throttle = new PageThrottle(new RateLimit(1, 1), 0);
        throttle.admit(page("1", Severity.WARNING), 0);
        throttle.admit(page("2", Severity.WARNING), 0);
        assertThat(throttle.release(60_000)).contains(page("2", Severity.WARNING));
    }

    @Test
    void criticalPagesAreNeverHeld() {
        PageThrottle throttle = new PageThrottle(new RateLimit(1, 1), 0);
        throttle.admit(page("1", Severity.WARNING), 0);
        assertThat(throttle.admit(page("2", Severity.WARNING), 0)).isEmpty();
        assertThat(throttle.admit(page("3", Severity.CRITICAL), 0)).contains(page("3", Severity.CRITICAL));
        assertThat(throttle.admit(page("4", Severity.CRITICAL), 0)).isPresent();
        assertThat(throttle.heldCount()).isEqualTo(1);
    }

    @Test
    void promptsPassWithoutTakingATokenOrWaiting() {
        PageThrottle throttle = new PageThrottle(new RateLimit(1, 1), 0);
        throttle.admit(page("1", Severity.WARNING), 0);
        Notification prompt = Notification.breathingPrompt("b", "alice", "inc-1", BreathingPattern.DEFAULT,
                "", Instant.EPOCH);
        assertThat(throttle.admit(prompt, 0)).contains(prompt);
        assertThat(throttle.admit(page("2", Severity.WARNING), 0)).isEmpty();
    }

    @Test
    void aLaterPageWaitsBehindHeldOnesSoOrderIsKept() {
        PageThrottle throttle = new PageThrottle(new RateLimit(60, 1), 0);
        throttle.admit(page("1", Severity.INFO), 0);
        throttle.admit(page("2", Severity.INFO), 0);
        // a token is back at 1000 ms, but page 2 is still held: page 3 joins it instead of overtaking
        assertThat(throttle.admit(page("3", Severity.INFO), 1500)).isEmpty();
        assertThat(throttle.release(1500).orElseThrow().bundled()).extracting(Notification::id)
                .containsExactly("2", "3");
    }

    @Test
    void bundlesListTenPagesByNameAndCountTheRest() {
        List<Notification> pages = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            pages.add(page(String.valueOf(i), Severity.WARNING));
        }
        Notification bundle = PageThrottle.bundle(pages, 5);
        assertThat(bundle.text().lines()).hasSize(11).last().isEqualTo("…and 3 more");
        assertThat(bundle.id()).isEqualTo("0+12");
        assertThat(bundle.incidentId()).isEqualTo(Optional.empty());
    }
}
