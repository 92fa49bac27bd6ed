package dev.limbic.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The streaming pass over regular webhooks gives exactly what the tree parser gives (the same details text, hence
 * the same idempotency keys), and leaves every other body to the tree parser and its error messages.
 */
class StreamingWebhookReaderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Integration ALERTMANAGER = Integration.withSecret("am", IntakeFormat.ALERTMANAGER, "s",
            DedupMode.ALERT, Severity.ERROR);
    private static final Integration GRAFANA = Integration.withSecret("gf", IntakeFormat.GRAFANA, "s",
            DedupMode.ALERT, Severity.WARNING);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "alertmanager-0.25-firing.json, 4",
            "alertmanager-0.25-one-resolved.json, 4",
            "alertmanager-0.25-resolved.json, 4",
            "alertmanager-webhook-types-sample-v4.json, 4",
            "grafana-docs-webhook.json, 1",
            "grafana-9.4-docs-webhook-valuestring.json, 1"})
    void realWebhooksAreStreamedToTheEventsOfTheirTree(String fixture, String version) throws Exception {
        Integration integration = version.equals("1") ? GRAFANA : ALERTMANAGER;
        AlertmanagerWebhookParser parser = version.equals("1") ? AlertmanagerWebhookParser.grafana()
                : AlertmanagerWebhookParser.alertmanager();
        byte[] body = Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8);

        List<AlertEvent> streamed = StreamingWebhookReader.read(body, version, integration, NOW);

        assertThat(streamed).isNotNull().isNotEmpty()
                .isEqualTo(parser.parse(MAPPER.readTree(body), integration, NOW))
                .isEqualTo(parser.parse(body, integration, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // unusual but read the same way
            "{'alerts':[]}",
            "{'alerts':[{'status':'firing','labels':{}}]}",
            "{'alerts':[{'status':'resolved','labels':{'a':'1'},'annotations':null,'fingerprint':null}],'receiver':null}",
            "{'alerts':[{'labels':{'a':'\\u00e9\\/\\t'},'status':'firing','x':[1.50,-0,1e3,1E-7,1e400,9999999999999999999]}],"
                    + "'orgId':{'a':[null,true]},'externalURL':'u','groupKey':'g','version':null,'status':'resolved'}",
            "{'alerts':[{'status':'firing','labels':{},'receiver':null,'orgId':1}],'receiver':'r','orgId':2}",
            " {'alerts':[{'status':'firing','labels':{'a':null}}]} \n",
            // a name twice where the last value counts, or within a nested value (read as a tree)
            "{'alerts':[{'status':'firing','labels':{'a':'1','a':'2','b':'x','b':null,'c':null,'d':'y','c':'z'}}]}",
            "{'alerts':[{'status':'resolved','status':'firing','labels':{'a':'1'},'labels':{'b':'2'}}]}",
            "{'alerts':[{'status':'firing','labels':{},'x':{'y':1,'z':[{'y':2,'y':3}],'y':2}}]}",
            "{'receiver':'a','alerts':[{'status':'firing','labels':{}}],'receiver':null,'orgId':{'a':1,'a':2}}"})
    void unusualRegularBodiesAreStreamedToTheEventsOfTheirTree(String json) throws Exception {
        byte[] body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);

        List<AlertEvent> streamed = StreamingWebhookReader.read(body, "4", ALERTMANAGER, NOW);

        assertThat(streamed).isNotNull()
                .isEqualTo(AlertmanagerWebhookParser.alertmanager().parse(MAPPER.readTree(body), ALERTMANAGER, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // problems the tree parser names
            "", "[]", "{", "{'alerts':[]} {}", "{'alerts':[]}x", "{}", "{'alerts':null}", "{'alerts':{}}",
            "{'alerts':[1]}", "{'alerts':[{'labels':{}}]}", "{'alerts':[{'status':'firing'}]}",
            "{'alerts':[{'status':'pending','labels':{}}]}", "{'alerts':[{'status':'firing','labels':{'a':{}}}]}",
            "{'alerts':[{'status':'firing','labels':{},'annotations':[]}]}", "{'version':'3','alerts':[]}",
            "{'status':'maybe','alerts':[]}", "{'receiver':{},'alerts':[]}", "{'groupLabels':[],'alerts':[]}",
            "{'commonLabels':{'a':[]},'alerts':[]}", "{'alerts':[{'status':'firing','labels':{},'fingerprint':{}}]}",
            // a name twice where details are written (the tree keeps the last value at the first place), numbers as text
            "{'alerts':[{'status':'firing','labels':{},'x':1,'x':2}]}",
            "{'alerts':[{'status':'firing','labels':{}}],'alerts':[]}",
            "{'alerts':[{'status':'firing','labels':{'n':1.50}}]}",
            "{'version':4,'receiver':7,'groupKey':true,'alerts':[{'status':'firing','labels':{},'fingerprint':12}]}"})
    void otherBodiesAreLeftToTheTreeParser(String json) throws Exception {
        byte[] body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        AlertmanagerWebhookParser parser = AlertmanagerWebhookParser.alertmanager();

        assertThat(StreamingWebhookReader.read(body, "4", ALERTMANAGER, NOW)).isNull();
        Object fromBytes = outcome(() -> parser.parse(body, ALERTMANAGER, NOW));
        Object fromTree = outcome(() -> parser.parse(JsonBodies.read(body), ALERTMANAGER, NOW));
        assertThat(fromBytes).isEqualTo(fromTree);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 15, 16, 17, 200})
    void aNameTwiceAmongManyIsSeen(int fields) throws Exception {
        StringBuilder alert = new StringBuilder("{\"status\":\"firing\",\"labels\":{}");
        StringBuilder annotations = new StringBuilder("{");
        for (int i = 0; i < fields; i++) {
            alert.append(",\"f").append(i).append("\":").append(i);
            annotations.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"x\"");
        }
        String distinct = "{\"alerts\":[" + alert + ",\"annotations\":" + annotations + "}}]}";
        String twice = "{\"alerts\":[" + alert + ",\"f" + (fields - 1) + "\":0}]}";
        String twiceInAnnotations = "{\"alerts\":[" + alert + ",\"annotations\":" + annotations + ",\"a0\":\"y\"}}]}";

        byte[] body = distinct.getBytes(StandardCharsets.UTF_8);
        assertThat(StreamingWebhookReader.read(body, "4", ALERTMANAGER, NOW)).isNotNull()
                .isEqualTo(AlertmanagerWebhookParser.alertmanager().parse(MAPPER.readTree(body), ALERTMANAGER, NOW));
        assertThat(StreamingWebhookReader.read(twice.getBytes(StandardCharsets.UTF_8), "4", ALERTMANAGER, NOW))
                .isNull();
        assertThat(StreamingWebhookReader.read(twiceInAnnotations.getBytes(StandardCharsets.UTF_8), "4", ALERTMANAGER,
                NOW)).isNull();
    }

    private interface Parse {
        List<AlertEvent> run() throws Exception;
    }

    /** The events, or the errors of the payload. */
    private static Object outcome(Parse parse) {
        Throwable failure = catchThrowable(parse::run);
        if (failure == null) {
            try {
                return parse.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(failure).isInstanceOf(InvalidPayloadException.class);
        return ((InvalidPayloadException) failure).errors();
    }
}
