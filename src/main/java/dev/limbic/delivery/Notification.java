package dev.limbic.delivery;

import dev.limbic.alert.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for one responder, rich enough for the live channel to render it fully (a breathing prompt
 * becomes an animation, a page gets its action buttons) and for text channels to show {@link #shortText(int)}.
 *
 * @param id         unique id of this notification; attempts and bundles refer to it
 * @param responder  the responder it is for
 * @param incidentId the incident it is about, if any (a bundle spans several and has none)
 * @param kind       what it is for
 * @param title      one short line
 * @param text       the message body, may be empty
 * @param severity   how urgent it is (a bundle has its most severe member's severity)
 * @param tags       short labels for channels that show them (ntfy tags), never null
 * @param links      links to show with it, never null
 * @param actions    the actions the responder can take on it, never null
 * @param breathing  the exercise, for {@link NotificationKind#BREATHING_PROMPT} only
 * @param bundled    the pages a {@link NotificationKind#PAGE_BUNDLE} stands for, empty otherwise
 * @param createdAt  when Limbic created it
 */
public record Notification(String id, String responder, Optional<String> incidentId, NotificationKind kind,
                           String title, String text, Severity severity, List<String> tags,
                           List<NotificationLink> links, List<ActionKind> actions,
                           Optional<BreathingPattern> breathing, List<Notification> bundled, Instant createdAt) {

    /** The actions offered on a page. */
    public static final List<ActionKind> PAGE_ACTIONS = List.of(
            ActionKind.ACKNOWLEDGE, ActionKind.RESOLVE, ActionKind.SNOOZE, ActionKind.ESCALATE, ActionKind.HAND_OVER);

    public Notification {
        requireText(id, "id");
        requireText(responder, "responder");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
        Objects.requireNonNull(severity, "severity");
        tags = tags == null ? List.of() : List.copyOf(tags);
        links = links == null ? List.of() : List.copyOf(links);
        actions = actions == null ? List.of() : List.copyOf(actions);
        Objects.requireNonNull(breathing, "breathing");
        bundled = bundled == null ? List.of() : List.copyOf(bundled);
        Objects.requireNonNull(createdAt, "createdAt");
        if (breathing.isPresent() != (kind == NotificationKind.BREATHING_PROMPT)) {
            throw new IllegalArgumentException("breathing is required for, and only for, a breathing prompt");
        }
        if (!bundled.isEmpty() != (kind == NotificationKind.PAGE_BUNDLE)) {
            throw new IllegalArgumentException("bundled is required for, and only for, a page bundle");
        }
    }

    /** A page about {@code incidentId}, offering the usual page actions. */
    public static Notification page(String id, String responder, String incidentId, Severity severity,
                                    String title, String text, Instant createdAt) {
        return new Notification(id, responder, Optional.of(incidentId), NotificationKind.PAGE, title, text,
                severity, List.of(), List.of(), PAGE_ACTIONS, Optional.empty(), List.of(), createdAt);
    }

    /** A breathing prompt during {@code incidentId}, with a short encouraging {@code text}. */
    public static Notification breathingPrompt(String id, String responder, String incidentId,
                                               BreathingPattern pattern, String text, Instant createdAt) {
        return new Notification(id, responder, Optional.ofNullable(incidentId), NotificationKind.BREATHING_PROMPT,
                "Take a breath", text, Severity.INFO, List.of(), List.of(), List.of(), Optional.of(pattern),
                List.of(), createdAt);
    }

    /** The grounding prompt that follows a breathing prompt; the responder may answer with a note. */
    public static Notification groundingPrompt(String id, String responder, String incidentId, Instant createdAt) {
        return new Notification(id, responder, Optional.ofNullable(incidentId), NotificationKind.GROUNDING_PROMPT,
                "Ground yourself",
                "Name three things you can see, hear or feel. Then say the problem in one sentence.",
                Severity.INFO, List.of(), List.of(), List.of(ActionKind.NOTE), Optional.empty(), List.of(), createdAt);
    }

    /**
     * A call to {@code partner} to join a responder on {@code incidentId}, in supportive words chosen by the caller
     * (for example "Alice could use a hand with inc-7"). The partner can acknowledge it like a page.
     */
    public static Notification partnerJoin(String id, String partner, String incidentId, Severity severity,
                                           String title, String text, Instant createdAt) {
        return new Notification(id, partner, Optional.of(incidentId), NotificationKind.PARTNER_JOIN, title, text,
                severity, List.of(), List.of(), List.of(ActionKind.ACKNOWLEDGE), Optional.empty(), List.of(),
                createdAt);
    }

    /** Something a responder should know about {@code incidentId} (resolved, handed over); no actions. */
    public static Notification info(String id, String responder, String incidentId, String title, String text,
                                    Instant createdAt) {
        return new Notification(id, responder, Optional.ofNullable(incidentId), NotificationKind.INFO, title, text,
                Severity.INFO, List.of(), List.of(), List.of(), Optional.empty(), List.of(), createdAt);
    }

    /** The same notification with these tags. */
    public Notification withTags(List<String> newTags) {
        return new Notification(id, responder, incidentId, kind, title, text, severity, newTags, links, actions,
                breathing, bundled, createdAt);
    }

    /** The same notification with these links. */
    public Notification withLinks(List<NotificationLink> newLinks) {
        return new Notification(id, responder, incidentId, kind, title, text, severity, tags, newLinks, actions,
                breathing, bundled, createdAt);
    }

    /** Every incident this notification is about: its own, or its bundled pages' ones. */
    public List<String> incidentIds() {
        if (kind == NotificationKind.PAGE_BUNDLE) {
            return bundled.stream().flatMap(n -> n.incidentId().stream()).distinct().toList();
        }
        return incidentId.map(List::of).orElse(List.of());
    }

    /**
     * The body as plain text for channels that show only text (ntfy, chat webhooks), at most {@code maxChars}
     * characters. A breathing prompt is spelled out in words.
     */
    public String shortText(int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2");
        }
        String body = switch (kind) {
            case BREATHING_PROMPT -> join(text, breathing.orElseThrow().describe());
            default -> text.isBlank() ? title : text;
        };
        return body.length() <= maxChars ? body : body.substring(0, maxChars - 1) + "…";
    }

    /** Title and body in one text, for channels with a single text field (Slack-compatible webhooks). */
    public String titledText(int maxChars) {
        String body = shortText(maxChars);
        String combined = body.equals(title) || title.isBlank() ? body : title + "\n" + body;
        return combined.length() <= maxChars ? combined : combined.substring(0, maxChars - 1) + "…";
    }

    private static String join(String first, String second) {
        return first.isBlank() ? second : first + " " + second;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
