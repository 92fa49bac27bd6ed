package dev.limbic.paging;

import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.notify.DeliveryAttempt;
import dev.limbic.notify.DeliveryListener;
import dev.limbic.notify.DeliveryReport;
import dev.limbic.store.EscalationLedger;
import dev.limbic.store.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.limbic.web.JsonText;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes how each page's (or notice's) delivery ended into its notification record and onto its incident's timeline
 * (delivered on which channel, or failed and why). Recorded pages and notices carry the id {@code n-<record id>};
 * other notifications (prompts) are not recorded.
 */
final class DeliveryRecorder implements DeliveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
    /** The prefix of a page's notification id, before its record id. */
    static final String PAGE_PREFIX = "n-";

    private final EscalationLedger ledger;
    private final Set<Future<Void>> writing = ConcurrentHashMap.newKeySet();

    DeliveryRecorder(EscalationLedger ledger) {
        this.ledger = ledger;
    }

    static String pageId(long recordId) {
        return PAGE_PREFIX + recordId;
    }

    static Optional<Long> recordId(Notification notification) {
        String id = notification.id();
        if (!id.startsWith(PAGE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(id.substring(PAGE_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Completes once every delivery result heard so far is written (so a clean stop does not send them again). */
    Future<Void> drain() {
        return Future.join(List.copyOf(writing)).mapEmpty();
    }

    @Override
    public void attempted(DeliveryAttempt attempt) {
        if (!attempt.result().isDelivered()) {
            LOG.debug("page {} to {} failed on {}: {}", attempt.notification().id(), attempt.notification().responder(),
                    attempt.channelName(), attempt.result().describe());
        }
    }

    @Override
    public void finished(DeliveryReport report) {
        Notification sent = report.sent();
        List<Notification> pages = sent.kind() == NotificationKind.PAGE_BUNDLE ? sent.bundled() : List.of(sent);
        for (Notification page : pages) {
            recordId(page).ifPresent(recordId -> {
                String channel = report.channel().orElse("none");
                String what = page.kind() == NotificationKind.INFO ? "Notice to " : "Page to ";
                String text = report.delivered()
                        ? what + page.responder() + " delivered on " + channel
                        : what + page.responder() + " not delivered: " + report.detail();
                String fields = JsonText.write(json -> {
                    json.writeStartObject();
                    json.writeStringField("responder", page.responder());
                    json.writeStringField("channel", channel);
                    json.writeNumberField("attempts", report.attempts());
                    json.writeStringField("notification", page.id());
                    json.writeEndObject();
                });
                TimelineEntry entry = new TimelineEntry(report.finishedAt(),
                        report.delivered() ? "delivered" : "delivery_failed", "limbic", text, fields);
                Future<Void> write = ledger.finishDelivery(recordId, report.delivered(), channel, report.attempts(),
                        report.detail(), entry);
                writing.add(write);
                write.onComplete(done -> writing.remove(write))
                        .onFailure(e -> LOG.warn("could not record the delivery of page {}: {}", page.id(), e.toString()));
            });
        }
    }
}
