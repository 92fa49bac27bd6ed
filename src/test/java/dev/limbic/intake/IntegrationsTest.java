package dev.limbic.intake;

import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationsTest {
    static final Integration AM = Integration.withSecret("prod", IntakeFormat.ALERTMANAGER, "token", DedupMode.ALERT,
            Severity.ERROR);
    static final Integration PD = Integration.withSecret("pd", IntakeFormat.PAGERDUTY,
            "e93facc04764012d7bfb002500d5d1a6", DedupMode.ALERT, Severity.ERROR);

    @Test
    void secretIsKeptOnlyAsItsSha256() {
        assertThat(AM.secretSha256())
                .isEqualTo("3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0")
                .isEqualTo(Integration.sha256Hex("token"));
        assertThat(AM.acceptsSecret("token")).isTrue();
        assertThat(AM.acceptsSecret("token ")).isFalse();
        assertThat(AM.acceptsSecret("")).isFalse();
        assertThat(AM.acceptsSecret(null)).isFalse();
    }

    @Test
    void configuredHashMayBeUppercase() {
        Integration fromConfig = new Integration("x", IntakeFormat.GENERIC,
                "3C469E9D6C5875D37A43F353D4F88E61FCF812C66EEE3457465A40B0DA4153E0", DedupMode.ALERT, Severity.INFO);

        assertThat(fromConfig.acceptsSecret("token")).isTrue();
    }

    @Test
    void badDefinitionsAreRefused() {
        assertThatThrownBy(() -> new Integration("x", IntakeFormat.GENERIC, "abc", DedupMode.ALERT, Severity.INFO))
                .hasMessageContaining("must be 64 hex digits");
        assertThatThrownBy(() -> Integration.withSecret(" ", IntakeFormat.GENERIC, "s", DedupMode.ALERT, Severity.INFO))
                .hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> Integration.withSecret("x", IntakeFormat.GENERIC, "", DedupMode.ALERT, Severity.INFO))
                .hasMessageContaining("secret of integration x must not be empty");
    }

    @Test
    void lookupByNameAndByRoutingKey() {
        Integrations integrations = Integrations.of(List.of(AM, PD));

        assertThat(integrations.byName("prod")).contains(AM);
        assertThat(integrations.byName("nobody")).isEmpty();
        assertThat(integrations.byName(null)).isEmpty();
        assertThat(integrations.byRoutingKey("e93facc04764012d7bfb002500d5d1a6")).contains(PD);
        assertThat(integrations.byRoutingKey("token")).as("only PagerDuty integrations have routing keys").isEmpty();
        assertThat(integrations.byRoutingKey("")).isEmpty();
    }

    @Test
    void duplicateNamesAndRoutingKeysAreRefused() {
        Integration samePdKey = Integration.withSecret("pd2", IntakeFormat.PAGERDUTY,
                "e93facc04764012d7bfb002500d5d1a6", DedupMode.ALERT, Severity.ERROR);

        assertThatThrownBy(() -> Integrations.of(List.of(AM, AM))).hasMessage("two integrations are named prod");
        assertThatThrownBy(() -> Integrations.of(List.of(PD, samePdKey)))
                .hasMessage("integrations pd and pd2 have the same routing_key");
    }

    @Test
    void formatsAndDedupModesParseTheirConfigNames() {
        assertThat(IntakeFormat.parse("Alertmanager")).contains(IntakeFormat.ALERTMANAGER);
        assertThat(IntakeFormat.parse("pagerduty")).contains(IntakeFormat.PAGERDUTY);
        assertThat(IntakeFormat.parse("nagios")).isEmpty();
        assertThat(DedupMode.parse("group")).contains(DedupMode.GROUP);
        assertThat(DedupMode.parse(null)).isEmpty();
    }

    @Test
    void authorizationHeaderCarriesBearerOrBasicSecrets() {
        assertThat(AlertIntakeRoutes.presentedSecret("Bearer abc")).isEqualTo("abc");
        assertThat(AlertIntakeRoutes.presentedSecret("bearer  abc ")).isEqualTo("abc");
        assertThat(AlertIntakeRoutes.presentedSecret("Basic dXNlcjpwYTpzcw==")).isEqualTo("pa:ss");
        assertThat(AlertIntakeRoutes.presentedSecret("Basic !!!")).isNull();
        assertThat(AlertIntakeRoutes.presentedSecret("Token abc")).isNull();
        assertThat(AlertIntakeRoutes.presentedSecret("abc")).isNull();
    }

    @Test
    void jsonContentTypes() {
        assertThat(AlertIntakeRoutes.isJson(null)).isTrue();
        assertThat(AlertIntakeRoutes.isJson("application/json")).isTrue();
        assertThat(AlertIntakeRoutes.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(AlertIntakeRoutes.isJson("application/vnd.api+json")).isTrue();
        assertThat(AlertIntakeRoutes.isJson("text/plain")).isFalse();
        assertThat(AlertIntakeRoutes.isJson("application/x-www-form-urlencoded")).isFalse();
    }
}
