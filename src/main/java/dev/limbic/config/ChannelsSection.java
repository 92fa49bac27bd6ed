package dev.limbic.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a responder's {@code channels[]}: {@code live}, {@code webhook}, {@code slack} and {@code ntfy} entries. */
final class ChannelsSection {
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private ChannelsSection() {
    }

    /** The channels of responder {@code r}; {@code hasLiveToken} says whether a live channel can authenticate. */
    static List<ChannelConfig> read(YamlObject r, boolean hasLiveToken) {
        List<ChannelConfig> channels = new ArrayList<>();
        boolean live = false;
        for (YamlObject.Item item : r.objects("channels")) {
            YamlObject c = item.object();
            ChannelConfig channel = channel(c);
            c.rejectUnknownKeys();
            if (channel == null) {
                continue;
            }
            if (channel.type() == ChannelConfig.Type.LIVE) {
                if (live) {
                    c.problem("type", "a responder has one live channel; this is the second");
                } else if (!hasLiveToken) {
                    c.problem("type", "a live channel needs the responder's live_token");
                }
                live = true;
            }
            channels.add(channel);
        }
        return channels;
    }

    private static ChannelConfig channel(YamlObject c) {
        String typeName = c.requiredString("type");
        if (typeName == null) {
            return null;
        }
        ChannelConfig.Type type;
        try {
            type = ChannelConfig.Type.valueOf(typeName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            c.problem("type", "'" + typeName + "' is not a channel type (live, webhook, slack or ntfy)");
            return null;
        }
        Optional<String> name = c.optionalString("name");
        Duration timeout = c.duration("timeout", ChannelConfig.DEFAULT_TIMEOUT);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            c.problem("timeout", "must be between 1s and 60s");
        }
        Optional<URI> url = Optional.empty();
        Optional<String> topic = Optional.empty();
        Optional<String> token = Optional.empty();
        Map<String, String> headers = Map.of();
        switch (type) {
            case LIVE -> {
            }
            case WEBHOOK -> {
                url = httpUrl(c, "url");
                headers = c.stringMap("headers");
                token = nonEmpty(c, "bearer_token");
            }
            case SLACK -> url = httpUrl(c, "url");
            case NTFY -> {
                url = c.has("server") ? httpUrl(c, "server") : Optional.of(ChannelConfig.DEFAULT_NTFY_SERVER);
                topic = Optional.ofNullable(c.requiredString("topic"));
                topic.filter(t -> t.isBlank() || t.contains("/"))
                        .ifPresent(t -> c.problem("topic", "must be a non-empty name without '/'"));
                token = nonEmpty(c, "token");
            }
        }
        String channelName = name.filter(n -> !n.isBlank())
                .orElse(type == ChannelConfig.Type.NTFY ? "ntfy:" + topic.orElse("") : type.configName());
        return new ChannelConfig(type, channelName, url, topic, token, headers, timeout);
    }

    private static Optional<String> nonEmpty(YamlObject c, String key) {
        Optional<String> value = c.optionalString(key);
        if (value.isPresent() && value.get().isBlank()) {
            c.problem(key, "must not be empty (leave it out for none)");
            return Optional.empty();
        }
        return value;
    }

    /** The required absolute http or https URL with a host at {@code key}; reported otherwise. */
    static Optional<URI> httpUrl(YamlObject c, String key) {
        String text = c.requiredString(key);
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below, like any other URL that is not http(s)
        }
        c.problem(key, "'" + text + "' is not an http or https URL");
        return Optional.empty();
    }
}
