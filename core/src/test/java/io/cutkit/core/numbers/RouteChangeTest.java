package io.cutkit.core.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteChangeTest {

    @Test
    void reportsEveryInvalidValueAtOnce() {
        assertThatThrownBy(() -> RouteChange.builder()
                .voiceUrl("ftp://files.example/voice")
                .smsUrl("https:///no-host")
                .statusCallback(" https://spaces.example/status")
                .set(RouteField.VOICE_METHOD, "PUT")
                .set(RouteField.VOICE_RECEIVE_MODE, "video")
                .build())
                .isInstanceOfSatisfying(InvalidRouteChangeException.class, e -> assertThat(e.problems()).hasSize(5))
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("VOICE_URL 'ftp://files.example/voice' is not an http(s) URL")
                .hasMessageContaining("SMS_URL 'https:///no-host' has no host")
                .hasMessageContaining("use GET or POST");
    }

    @Test
    void anEmptyChangeIsRefused() {
        assertThatThrownBy(() -> RouteChange.builder().build())
                .isInstanceOf(InvalidRouteChangeException.class)
                .hasMessageContaining("sets nothing");
    }

    @Test
    void normalizesMethodsAndAppliesOnlyTheNamedFields() {
        RouteChange change = RouteChange.builder().set(RouteField.SMS_METHOD, "get")
                .clear(RouteField.VOICE_FALLBACK_URL).build();
        NumberRoute route = NumberRoute.empty().with(RouteField.VOICE_URL, "https://keep.example/v")
                .with(RouteField.VOICE_FALLBACK_URL, "https://old.example/fallback");

        NumberRoute after = change.applyTo(route);

        assertThat(after.valueOrNull(RouteField.SMS_METHOD)).isEqualTo("GET");
        assertThat(after.get(RouteField.VOICE_FALLBACK_URL)).isEmpty();
        assertThat(after.valueOrNull(RouteField.VOICE_URL)).isEqualTo("https://keep.example/v");
    }

    @Test
    void blankValuesInARouteCountAsUnset() {
        assertThat(NumberRoute.empty().with(RouteField.SMS_APPLICATION_SID, "")).isEqualTo(NumberRoute.empty());
    }
}
