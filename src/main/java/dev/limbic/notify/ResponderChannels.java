package dev.limbic.notify;

import java.util.List;

/** Each responder's channels, in the order they are tried (from the current config). */
@FunctionalInterface
public interface ResponderChannels {

    /** {@code responderId}'s channels, first choice first; empty (or null) if they have none. */
    List<Channel> channelsOf(String responderId);
}
