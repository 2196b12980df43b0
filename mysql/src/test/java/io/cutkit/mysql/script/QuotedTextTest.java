package io.cutkit.mysql.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTextTest {

    @Test
    void aStringLiteralEndsAfterItsClosingQuoteSkippingBackslashAndDoubledQuotes() {
        String sql = "x = 'it''s \\' here' AND y";
        assertThat(sql.substring(QuotedText.end(sql, 4))).isEqualTo(" AND y");
        String doubleQuoted = "\"a \\\" b\" , c";
        assertThat(doubleQuoted.substring(QuotedText.end(doubleQuoted, 0))).isEqualTo(" , c");
    }

    @Test
    void aBacktickNameTakesNoBackslashEscapeButDoubledBackticks() {
        String sql = "`a\\` . `b``c` end";
        assertThat(sql.substring(QuotedText.end(sql, 0))).isEqualTo(" . `b``c` end");
        assertThat(sql.substring(QuotedText.end(sql, 7))).isEqualTo(" end");
    }

    @Test
    void unterminatedTextRunsToTheEnd() {
        assertThat(QuotedText.end("'never closed", 0)).isEqualTo("'never closed".length());
    }
}
