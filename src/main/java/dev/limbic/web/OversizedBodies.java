package dev.limbic.web;

import io.vertx.ext.web.RoutingContext;

/**
 * What to do with a request whose body is too large. Vert.x Web's body handler fails the request with 413 as
 * soon as it knows the body is over the limit and stops reading it; a sender still uploading would then wait on
 * a full TCP window and never read the answer. Reading and discarding the rest lets it finish its upload and see
 * the 413, and keeps the connection usable.
 */
public final class OversizedBodies {
    private OversizedBodies() {
    }

    /** Reads and discards what is left of the request's body; call before answering 413. */
    public static void drain(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            ctx.request().handler(ignored -> { }).resume();
        }
    }
}
