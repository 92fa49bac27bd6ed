package dev.limbic.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a responder's {@code channels} list in the config, validated: problems name the key.
 * <pre>{@code
 * channels:
 *   - type: live                                  # the responder live stream
 *     timeout: 5s                                 # how long to wait for a client's receipt (default 5 s)
 *   - type: ntfy
 *     url: https://ntfy.example.org               # the ntfy server (default https://ntfy.sh)
 *     topic: limbic-alice-7f3c
 *     token: tk_...                               # optional ntfy access token
 *   - type: slack                                 # also Mattermost, Rocket.Chat
 *     url: https://hooks.slack.com/services/...
 *   - type: webhook
 *     url: https://automation.example.org/limbic
 *     token: ...                                  # optional, sent as Authorization: Bearer
 *     headers: {X-Team: sre}                      # optional
 *     timeout: 10s                                # HTTP types: the longest attempt, 1 to 60 s (default 10 s)
 * }</pre>
 *
 * @param type    which kind of channel
 * @param name    the name on the timeline (default: the type, or {@code type:topic} for ntfy)
 * @param url     the endpoint (webhook, slack) or server (ntfy)
 * @param topic   the ntfy topic
 * @param token   bearer token (webhook) or access token (ntfy)
 * @param headers extra headers (webhook)
 * @param timeout the longest one attempt may take: the HTTP exchange, or for live the wait for a receipt
 */
public record ChannelSpec(Type type, String name, Optional<URI> url, Optional<String> topic, Optional<String> token,
                          Map<String, String> headers, Duration timeout) {
    /** Default of {@link #timeout()} for HTTP channels. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default of {@link #timeout()} for the live channel: a shown page answers with a receipt at once. */
    public static final Duration DEFAULT_LIVE_TIMEOUT = Duration.ofSeconds(5);
    /** The ntfy server used when none is configured. */
    public static final URI DEFAULT_NTFY_SERVER = URI.create("https://ntfy.sh");

    /** The kinds of channel, with their config names. */
    public enum Type {
        LIVE, WEBHOOK, SLACK, NTFY;

        /** The config name ({@code ntfy}). */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type called {@code name} in the config. */
        public static Optional<Type> parse(String name) {
            for (Type type : values()) {
                if (type.configName().equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    public ChannelSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(token, "token");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeout = timeout != null ? timeout : type == Type.LIVE ? DEFAULT_LIVE_TIMEOUT : DEFAULT_TIMEOUT;
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("timeout must be between 1s and 60s");
        }
        switch (type) {
            case LIVE -> {
                if (url.isPresent() || topic.isPresent() || token.isPresent() || !headers.isEmpty()) {
                    throw new IllegalArgumentException("a live channel takes no url, topic, token or headers");
                }
            }
            case WEBHOOK, SLACK -> {
                requireHttpUrl(url.orElseThrow(() -> new IllegalArgumentException("url is required for a "
                        + type.configName() + " channel")), "url");
                if (topic.isPresent()) {
                    throw new IllegalArgumentException("topic is only for ntfy channels");
                }
                if (type == Type.SLACK && (token.isPresent() || !headers.isEmpty())) {
                    throw new IllegalArgumentException("a slack channel takes no token or headers (the URL is the secret)");
                }
            }
            case NTFY -> {
                url = Optional.of(requireHttpUrl(url.orElse(DEFAULT_NTFY_SERVER), "url"));
                String topicName = topic.orElseThrow(() -> new IllegalArgumentException("topic is required for an ntfy channel"));
                if (!topicName.matches("[-_A-Za-z0-9]{1,64}")) {
                    throw new IllegalArgumentException("topic must be 1 to 64 letters, digits, '-' or '_' (as ntfy requires)");
                }
                if (!headers.isEmpty()) {
                    throw new IllegalArgumentException("an ntfy channel takes no headers");
                }
            }
        }
        headers.forEach((header, value) -> {
            if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("headers: '" + header + "' is not a valid header name");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("headers." + header + " must be printable ASCII on one line");
            }
        });
        if (name == null || name.isBlank()) {
            name = type == Type.NTFY ? "ntfy:" + topic.orElseThrow() : type.configName();
        }
    }

    /** {@code url} if it is an absolute http or https URL with a host; otherwise an error naming {@code key}. */
    static URI requireHttpUrl(URI url, String key) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http or https URL, not '" + url + "'");
        }
        return url;
    }
}
