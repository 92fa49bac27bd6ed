package dev.limbic.paging;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.NotificationLink;
import dev.limbic.notify.Channel;
import dev.limbic.web.ResponderPageAssets;
import dev.limbic.web.ResponderSigner;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A channel that adds a short-lived sign-in link to the responder page to every page it delivers (pages, page
 * bundles, partner calls): as a link, and at the end of the text for channels that show only text. The link is
 * {@code <public_url>/responder/#link=<signed token>} ({@link ResponderSigner#link}), signed when the page goes
 * out; the token sits in the fragment, so it never reaches a server log. The live channel needs none: it is the page.
 */
final class SignInLinks implements Channel {
    /** The link's label. */
    static final String LABEL = "Open the responder page";

    private final Channel channel;
    private final String publicUrl;
    private final ResponderSigner signer;

    private SignInLinks(Channel channel, String publicUrl, ResponderSigner signer) {
        this.channel = channel;
        this.publicUrl = publicUrl;
        this.signer = signer;
    }

    /** {@code channel} adding sign-in links, when there is a public URL and it is not the live channel. */
    static Channel around(Channel channel, Optional<String> publicUrl, ResponderSigner signer) {
        if (publicUrl.isEmpty() || channel.type().equals("live")) {
            return channel;
        }
        return new SignInLinks(channel, publicUrl.get(), signer);
    }

    /** The sign-in URL for {@code responder}, about {@code incidentId} if given. */
    static String url(String publicUrl, ResponderSigner signer, String responder, Optional<String> incidentId) {
        return publicUrl + ResponderPageAssets.PATH + "#link=" + signer.link(responder, incidentId);
    }

    @Override
    public String type() {
        return channel.type();
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public Future<DeliveryResult> deliver(Notification notification) {
        return channel.deliver(withLink(notification));
    }

    private Notification withLink(Notification n) {
        if (n.kind() != NotificationKind.PAGE && n.kind() != NotificationKind.PAGE_BUNDLE
                && n.kind() != NotificationKind.PARTNER_JOIN) {
            return n;
        }
        String url = url(publicUrl, signer, n.responder(), n.incidentId());
        List<NotificationLink> links = new ArrayList<>(n.links());
        links.add(new NotificationLink(LABEL, url));
        String text = (n.text().isBlank() ? "" : n.text() + "\n") + LABEL + ": " + url;
        return new Notification(n.id(), n.responder(), n.incidentId(), n.kind(), n.title(), text, n.severity(), n.tags(),
                links, n.actions(), n.breathing(), n.bundled(), n.createdAt());
    }
}
