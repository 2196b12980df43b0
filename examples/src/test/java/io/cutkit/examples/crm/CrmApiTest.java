package io.cutkit.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrmApiTest {

    @Test
    void jsonEscapesQuotesControlCharactersAndKeepsEmoji() {
        assertThat(CrmApi.json("say \"hi\"\n🚀\u0001")).isEqualTo("\"say \\\"hi\\\"\\n🚀\\u0001\"");
        assertThat(CrmApi.json(null)).isEqualTo("null");
    }
}
