package io.cutkit.core.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepointPlanTest {

    static final String APP = "AP0123456789abcdef0123456789abcdef";
    static final String TRUNK = "TK0123456789abcdef0123456789abcdef";
    static final RouteChange VOICE_ONLY = RouteChange.builder().voiceUrl("https://new.example/voice").build();
    static final RouteChange SMS_ONLY = RouteChange.builder().smsUrl("https://new.example/sms").build();

    static RoutingSnapshot snapshotOf(NumberRoute route) {
        return new RoutingSnapshot("AC1", Instant.EPOCH,
                List.of(new RoutedNumber(new NumberId("PN1", "+13125550181"), route)));
    }

    static final NumberRoute OLD = NumberRoute.empty()
            .with(RouteField.VOICE_URL, "https://old.example/voice")
            .with(RouteField.SMS_URL, "https://old.example/sms");

    @Test
    void listsExactlyTheFieldsThatChange() {
        RepointPlan plan = RepointPlan.of(snapshotOf(OLD), VOICE_ONLY, OverrideHandling.REFUSE);

        assertThat(plan.changes()).singleElement().satisfies(apply -> assertThat(apply.changes())
                .containsExactly(new FieldChange(RouteField.VOICE_URL, "https://old.example/voice", "https://new.example/voice")));
        assertThat(plan.toText()).contains("VOICE_URL: https://old.example/voice -> https://new.example/voice");
    }

    @Test
    void aNumberAlreadyOnTargetIsLeftAlone() {
        NumberRoute already = OLD.with(RouteField.VOICE_URL, "https://new.example/voice");

        RepointPlan plan = RepointPlan.of(snapshotOf(already), VOICE_ONLY, OverrideHandling.REFUSE);

        assertThat(plan.entries()).singleElement().isInstanceOf(PlanEntry.Unchanged.class);
    }

    @Test
    void flagsAVoiceApplicationThatOverridesTheVoiceUrl() {
        RepointPlan plan = RepointPlan.of(snapshotOf(OLD.with(RouteField.VOICE_APPLICATION_SID, APP)),
                VOICE_ONLY, OverrideHandling.REFUSE);

        assertThat(plan.canApply()).isFalse();
        assertThat(plan.wouldNotMoveTraffic()).singleElement().satisfies(flagged -> {
            assertThat(flagged.overriddenBy()).containsExactly(RouteField.VOICE_APPLICATION_SID);
            assertThat(flagged.shadowed()).containsExactly(RouteField.VOICE_URL);
        });
    }

    @Test
    void aVoiceOverrideDoesNotBlockAnSmsRepoint() {
        RepointPlan plan = RepointPlan.of(snapshotOf(OLD.with(RouteField.TRUNK_SID, TRUNK)), SMS_ONLY, OverrideHandling.REFUSE);

        assertThat(plan.canApply()).isTrue();
        assertThat(plan.changes()).hasSize(1);
    }

    @Test
    void anSmsApplicationBlocksAnSmsRepoint() {
        RepointPlan plan = RepointPlan.of(snapshotOf(OLD.with(RouteField.SMS_APPLICATION_SID, APP)),
                SMS_ONLY, OverrideHandling.REFUSE);

        assertThat(plan.wouldNotMoveTraffic()).singleElement()
                .satisfies(flagged -> assertThat(flagged.reason()).contains("SMS_APPLICATION_SID=" + APP));
    }

    @Test
    void clearingOverridesRemovesTrunkAndApplicationTogether() {
        NumberRoute both = OLD.with(RouteField.TRUNK_SID, TRUNK).with(RouteField.VOICE_APPLICATION_SID, APP);

        RepointPlan plan = RepointPlan.of(snapshotOf(both), VOICE_ONLY, OverrideHandling.CLEAR_OVERRIDE);

        assertThat(plan.canApply()).isTrue();
        PlanEntry.Apply apply = plan.changes().get(0);
        assertThat(apply.clearedOverrides()).containsExactlyInAnyOrder(RouteField.TRUNK_SID, RouteField.VOICE_APPLICATION_SID);
        assertThat(apply.after().get(RouteField.TRUNK_SID)).isEmpty();
        assertThat(apply.after().get(RouteField.VOICE_APPLICATION_SID)).isEmpty();
        assertThat(apply.before()).isEqualTo(both);
    }

    @Test
    void aChangeThatClearsTheTrunkItselfIsNotFlagged() {
        RouteChange moveOffTrunk = RouteChange.builder().voiceUrl("https://new.example/voice")
                .clear(RouteField.TRUNK_SID).build();

        RepointPlan plan = RepointPlan.of(snapshotOf(OLD.with(RouteField.TRUNK_SID, TRUNK)), moveOffTrunk,
                OverrideHandling.REFUSE);

        assertThat(plan.canApply()).isTrue();
    }
}
