package io.cutkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TwilioTransportTest {

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(TwilioTransport.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(TwilioTransport.parseRetryAfter(inTenSeconds)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
        assertThat(TwilioTransport.parseRetryAfter("soon")).isEmpty();
        assertThat(TwilioTransport.parseRetryAfter("-1")).isEmpty();
    }
}
