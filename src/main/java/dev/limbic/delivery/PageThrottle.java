package dev.limbic.delivery;

import dev.limbic.alert.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The rate limit of one responder: a token bucket in front of their channels. A page that finds a token goes
 * out at once; one that does not is held, and when the next token comes every held page goes out together as
 * one {@link NotificationKind#PAGE_BUNDLE} (or alone, if it is the only one). Nothing is ever dropped.
 *
 * <p>Prompts ({@link NotificationKind#isRateLimited()} false) pass untouched. Critical pages are never held:
 * they take a token if there is one and go out at once even if there is none, so an alert storm delays
 * warnings, never a critical page. Not thread-safe: one owner calls it, with the time.
 */
public final class PageThrottle {
    /** How many bundled pages a bundle's text lists by name before "and N more". */
    static final int LISTED_IN_BUNDLE = 10;

    private RateLimit limit;
    private final List<Notification> held = new ArrayList<>();
    private double tokens;
    private long refilledAtMillis;

    /** A full bucket at {@code nowMillis}. */
    public PageThrottle(RateLimit limit, long nowMillis) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.refilledAtMillis = nowMillis;
    }

    /**
     * Takes a notification in: returns it if it may go out now, or empty if it is held (then
     * {@link #nextReleaseAtMillis()} says when to call {@link #release(long)}).
     */
    public Optional<Notification> admit(Notification notification, long nowMillis) {
        if (!notification.kind().isRateLimited()) {
            return Optional.of(notification);
        }
        refill(nowMillis);
        if (notification.severity().isCritical()) {
            tokens = Math.max(0, tokens - 1);
            return Optional.of(notification);
        }
        if (held.isEmpty() && tokens >= 1) {
            tokens -= 1;
            return Optional.of(notification);
        }
        held.add(notification);
        return Optional.empty();
    }

    /**
     * What may go out now of the held pages: nothing if no token is back yet, the one held page, or a bundle
     * of all of them.
     */
    public Optional<Notification> release(long nowMillis) {
        refill(nowMillis);
        if (held.isEmpty() || tokens < 1) {
            return Optional.empty();
        }
        tokens -= 1;
        List<Notification> pages = List.copyOf(held);
        held.clear();
        return Optional.of(pages.size() == 1 ? pages.get(0) : bundle(pages, nowMillis));
    }

    /** When {@link #release(long)} will have something to give, or empty if nothing is held. */
    public OptionalLong nextReleaseAtMillis() {
        if (held.isEmpty()) {
            return OptionalLong.empty();
        }
        if (tokens >= 1) {
            return OptionalLong.of(refilledAtMillis);
        }
        long missing = (long) Math.ceil((1 - tokens) * limit.millisPerPage());
        return OptionalLong.of(refilledAtMillis + missing);
    }

    /**
     * Applies a new rate limit from {@code nowMillis} on (a reloaded configuration): tokens earned so far count at
     * the old rate, at most the new burst is kept, and held pages stay held.
     */
    public void changeLimit(RateLimit newLimit, long nowMillis) {
        if (newLimit.equals(limit)) {
            return;
        }
        refill(nowMillis);
        limit = newLimit;
        tokens = Math.min(tokens, newLimit.burst());
    }

    /** How many pages are held now. */
    public int heldCount() {
        return held.size();
    }

    private void refill(long nowMillis) {
        if (nowMillis > refilledAtMillis) {
            tokens = Math.min(limit.burst(), tokens + (double) (nowMillis - refilledAtMillis) / limit.millisPerPage());
            refilledAtMillis = nowMillis;
        }
    }

    /**
     * One notification standing for {@code pages} (at least two), flattening bundles inside. The bundle offers
     * no actions of its own: each bundled page keeps its own.
     */
    static Notification bundle(List<Notification> pages, long nowMillis) {
        List<Notification> members = pages.stream()
                .flatMap(page -> page.kind() == NotificationKind.PAGE_BUNDLE ? page.bundled().stream() : Stream.of(page))
                .toList();
        Severity severity = members.stream().map(Notification::severity)
                .min(Comparator.naturalOrder()).orElse(Severity.INFO);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < members.size() && i < LISTED_IN_BUNDLE; i++) {
            Notification member = members.get(i);
            if (i > 0) {
                text.append('\n');
            }
            text.append("- [").append(member.severity().wireName()).append("] ").append(member.title());
        }
        if (members.size() > LISTED_IN_BUNDLE) {
            text.append("\n…and ").append(members.size() - LISTED_IN_BUNDLE).append(" more");
        }
        Notification first = members.get(0);
        String id = first.id() + "+" + (members.size() - 1);
        return new Notification(id, first.responder(), Optional.empty(), NotificationKind.PAGE_BUNDLE,
                members.size() + " more alerts", text.toString(), severity, List.of("bundle"), List.of(),
                List.of(), Optional.empty(), members, Instant.ofEpochMilli(nowMillis));
    }
}
