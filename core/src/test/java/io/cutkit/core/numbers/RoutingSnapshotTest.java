package io.cutkit.core.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingSnapshotTest {

    @Test
    void survivesARoundTripThroughItsTextForm() {
        NumberRoute odd = NumberRoute.empty()
                .with(RouteField.VOICE_URL, "https://old.example/voice?a=1&b=\\n")
                .with(RouteField.VOICE_METHOD, "GET")
                .with(RouteField.TRUNK_SID, "TK00000000000000000000000000000003")
                .with(RouteField.VOICE_RECEIVE_MODE, "fax");
        RoutingSnapshot snapshot = new RoutingSnapshot("AC1", Instant.parse("2026-11-24T16:00:00.123Z"), List.of(
                new RoutedNumber(new NumberId("PN1", "+13125550181"), odd),
                new RoutedNumber(new NumberId("PN2", "+14155550175"), NumberRoute.empty())));

        RoutingSnapshot read = RoutingSnapshot.parse(snapshot.toText());

        assertThat(read).isEqualTo(snapshot);
    }

    @Test
    void namesTheLineItCannotRead() {
        String text = "# cutkit routing snapshot v1\naccount=AC1\ntakenAt=2026-11-24T16:00:00Z\nnumber=PN1 +1312\nVOICE_LINK=x\n";

        assertThatThrownBy(() -> RoutingSnapshot.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 5").hasMessageContaining("VOICE_LINK");
    }
}
