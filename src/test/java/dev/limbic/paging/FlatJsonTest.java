package dev.limbic.paging;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Timeline fields written by hand read back as the JSON object they stand for, whatever the strings hold. */
class FlatJsonTest {
    @Property(tries = 300)
    void fieldsReadBackAsTheSameObject(@ForAll @Size(max = 6) Map<String, String> fields) {
        assertThat(new JsonObject(FlatJson.of(fields))).isEqualTo(new JsonObject(new HashMap<>(fields)));
    }

    @Example
    void numbersAndNullsAreJsonNumbersAndNull() {
        String json = new FlatJson().put("responder", "al\"ex\n").put("attempts", 3).put("channel", (String) null)
                .encode();
        assertThat(new JsonObject(json)).isEqualTo(new JsonObject().put("responder", "al\"ex\n").put("attempts", 3)
                .putNull("channel"));
        assertThat(new FlatJson().encode()).isEqualTo("{}");
    }
}
