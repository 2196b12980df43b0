package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.twilio.TwilioNumberRepointer;
import io.cutkit.twilio.TwilioTransport;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers stage on its own (it needs no data), against the Twilio stand-in. */
class NumbersStageIT {

    private static final String TRUNK = "TK" + "0123456789abcdef".repeat(2);

    @Test
    void aNumberOnATrunkIsAnOverrideBlockerAndNothingIsSent(@TempDir Path dir) {
        try (EnvFile env = EnvFile.read(PrivateEnvFiles.copy("secrets.env", dir));
             Secret token = env.source("TWILIO_AUTH_TOKEN").read();
             TwilioStandIn standIn = TwilioStandIn.builder().accountSid(Refdata.text("secrets", "twilioAccountSid"))
                     .authToken(token).start()) {
            List<NumberId> numbers = new ArrayList<>();
            Refdata.at("phoneNumbers").forEach(n -> numbers.add(standIn.addNumber(n.path("phoneNumber").asString(),
                    n.path("sid").asString(), NumberRoute.empty()
                            .with(RouteField.VOICE_URL, n.path("voiceUrl").asString())
                            .with(RouteField.SMS_URL, n.path("smsUrl").asString())
                            .with(RouteField.TRUNK_SID, numbers.isEmpty() ? TRUNK : null))));
            TwilioNumberRepointer repointer = TwilioNumberRepointer.create(standIn.credentials(),
                    TwilioTransport.builder().endpoint(standIn.endpoint()).build());
            RouteChange change = RouteChange.builder().voiceUrl("https://crm-api.new-stack.example/voice")
                    .smsUrl("https://crm-api.new-stack.example/sms").build();
            DryRunState state = new DryRunState(DryRunPlan.builder().dump(Refdata.dump())
                    .numbers(repointer, NumberSelection.all(), change).build(), null, line -> { });

            String note = new NumbersStage().run(state);

            assertThat(state.findings).singleElement().satisfies(f -> {
                assertThat(f.findingClass().id()).isEqualTo("number-override");
                assertThat(f.severity()).isEqualTo(Severity.P0);
                assertThat(f.object()).isEqualTo(numbers.get(0).phoneNumber());
                assertThat(f.evidence()).containsEntry("sid", numbers.get(0).sid())
                        .containsEntry("overridden_by", List.of("TRUNK_SID=" + TRUNK));
                assertThat(f.fix()).isNotBlank();
            });
            assertThat(note).contains(numbers.size() + " number(s)");
            assertThat(standIn.acceptedUpdates()).isZero();
        }
    }
}
