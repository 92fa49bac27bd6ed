package dev.limbic.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One of a responder's contact channels, tried in the order of the file (a permanent failure moves a page on to
 * the next one).
 *
 * @param type    which kind of channel
 * @param name    the name on an incident's timeline (default: the type, or {@code ntfy:TOPIC})
 * @param url     the endpoint ({@code webhook}, {@code slack}) or the server ({@code ntfy}); empty for {@code live}
 * @param topic   the ntfy topic
 * @param token   the bearer token sent to a webhook, or the ntfy access token; kept as given, because it is sent
 * @param headers extra HTTP headers sent to a webhook
 * @param timeout the longest one HTTP attempt may take
 */
public record ChannelConfig(Type type, String name, Optional<URI> url, Optional<String> topic, Optional<String> token,
                            Map<String, String> headers, Duration timeout) {
    /** The ntfy server when a channel names none. */
    public static final URI DEFAULT_NTFY_SERVER = URI.create("https://ntfy.sh");
    /** Default of {@link #timeout()}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The kinds of channel, with their names in the config. */
    public enum Type {
        /** The responder's live stream (their app or the responder page). */
        LIVE,
        /** A generic JSON POST. */
        WEBHOOK,
        /** A Slack-compatible {@code {"text": …}} POST (also Mattermost, Rocket.Chat). */
        SLACK,
        /** A push notification through an ntfy server. */
        NTFY;

        /** The name in the config, such as {@code ntfy}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChannelConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(token, "token");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Without the token, the headers' values and a Slack URL's path (each may be a secret). */
    @Override
    public String toString() {
        String where = url.map(u -> type == Type.SLACK ? u.getScheme() + "://" + u.getAuthority() + "/…" : u.toString()).orElse("");
        return "ChannelConfig[" + type.configName() + " " + name + (where.isEmpty() ? "" : " " + where) + "]";
    }
}
