package dev.limbic.notify;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelSpecTest {

    private static ChannelSpec spec(ChannelSpec.Type type, String url, String topic, String token) {
        return new ChannelSpec(type, null, Optional.ofNullable(url).map(URI::create), Optional.ofNullable(topic),
                Optional.ofNullable(token), Map.of(), null);
    }

    @Test
    void defaultsNameTheChannelAndPickTimeouts() {
        ChannelSpec ntfy = spec(ChannelSpec.Type.NTFY, null, "alice-phone", "tk_1");
        assertThat(ntfy.name()).isEqualTo("ntfy:alice-phone");
        assertThat(ntfy.url()).contains(URI.create("https://ntfy.sh"));
        assertThat(ntfy.timeout()).isEqualTo(Duration.ofSeconds(10));
        ChannelSpec live = spec(ChannelSpec.Type.LIVE, null, null, null);
        assertThat(live.name()).isEqualTo("live");
        assertThat(live.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ChannelSpec.Type.parse("slack")).contains(ChannelSpec.Type.SLACK);
        assertThat(ChannelSpec.Type.parse("sms")).isEmpty();
    }

    @Test
    void problemsNameTheKey() {
        assertThatThrownBy(() -> spec(ChannelSpec.Type.WEBHOOK, null, null, null))
                .hasMessage("url is required for a webhook channel");
        assertThatThrownBy(() -> spec(ChannelSpec.Type.SLACK, "ftp://example.org/x", null, null))
                .hasMessage("url must be an absolute http or https URL, not 'ftp://example.org/x'");
        assertThatThrownBy(() -> spec(ChannelSpec.Type.NTFY, null, null, null))
                .hasMessage("topic is required for an ntfy channel");
        assertThatThrownBy(() -> spec(ChannelSpec.Type.NTFY, null, "a/b", null))
                .hasMessage("topic must be 1 to 64 letters, digits, '-' or '_' (as ntfy requires)");
        assertThatThrownBy(() -> spec(ChannelSpec.Type.LIVE, "https://example.org", null, null))
                .hasMessage("a live channel takes no url, topic, token or headers");
        assertThatThrownBy(() -> new ChannelSpec(ChannelSpec.Type.WEBHOOK, "w", Optional.of(URI.create("http://h/")),
                Optional.empty(), Optional.empty(), Map.of(), Duration.ofMinutes(5)))
                .hasMessage("timeout must be between 1s and 60s");
        assertThatThrownBy(() -> new ChannelSpec(ChannelSpec.Type.WEBHOOK, "w", Optional.of(URI.create("http://h/")),
                Optional.empty(), Optional.empty(), Map.of("X-Team", "sre\r\nEvil: 1"), null))
                .hasMessage("headers.X-Team must be printable ASCII on one line");
        assertThatThrownBy(() -> new ChannelSpec(ChannelSpec.Type.WEBHOOK, "w", Optional.of(URI.create("http://h/")),
                Optional.empty(), Optional.empty(), Map.of("X Team", "sre"), null))
                .hasMessage("headers: 'X Team' is not a valid header name");
    }
}
