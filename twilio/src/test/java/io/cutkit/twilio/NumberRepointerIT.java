package io.cutkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberOutcome;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.NumberState;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.PlanEntry;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.secret.Secret;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class NumberRepointerIT {

    static final String NEW_HOST = "https://crm-api.new-stack.example";
    static final RouteChange TO_NEW_STACK = RouteChange.builder()
            .voiceUrl(NEW_HOST + "/api/twilio/voice")
            .smsUrl(NEW_HOST + "/api/twilio/sms")
            .statusCallback(NEW_HOST + "/api/twilio/status")
            .build();

    TwilioStandIn standIn;
    List<NumberId> six;
    TwilioTransport transport;

    @BeforeEach
    void startStandIn() {
        standIn = TwilioStandIn.builder()
                .accountSid(Refdata.secret("TWILIO_ACCOUNT_SID").withBytes(b -> new String(b, StandardCharsets.US_ASCII)))
                .authToken(Refdata.secret("TWILIO_AUTH_TOKEN"))
                .start();
        six = Refdata.phoneNumbers().stream()
                .map(n -> standIn.addNumber(n.phoneNumber(), n.sid(), n.route()))
                .toList();
        transport = TwilioTransport.builder().endpoint(standIn.endpoint())
                .retryPolicy(new TwilioRetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)))
                .build();
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }

    TwilioNumberRepointer repointer(int concurrency, boolean rollbackOnFailure) {
        return TwilioNumberRepointer.builder(standIn.credentials().restClient(transport))
                .concurrency(concurrency).rollbackOnFailure(rollbackOnFailure).build();
    }

    Map<String, NumberRoute> liveRoutes() {
        return six.stream().collect(Collectors.toMap(NumberId::sid, id -> standIn.route(id.sid())));
    }

    @Test
    void repointsSixNumbersVerifiesThemAndRollsBackToTheExactSnapshot() {
        TwilioNumberRepointer repointer = repointer(3, true);
        Map<String, NumberRoute> before = liveRoutes();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.of(
                six.stream().map(NumberId::phoneNumber).toList()));
        assertThat(snapshot.numbers()).extracting(n -> n.number().sid()).containsExactlyElementsOf(
                six.stream().map(NumberId::sid).toList());
        snapshot.numbers().forEach(n -> assertThat(n.route()).isEqualTo(before.get(n.number().sid())));

        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        assertThat(plan.canApply()).isTrue();
        assertThat(plan.changes()).hasSize(6);
        // manifest: number 5 has no status callback, so it gains one; the others change three URLs
        assertThat(plan.changes()).extracting(c -> c.changes().size()).containsOnly(3);

        RepointResult result = repointer.apply(plan);

        assertThat(result.status()).isEqualTo(RepointResult.Status.COMPLETE);
        assertThat(result.ofType(NumberOutcome.Repointed.class)).hasSize(6);
        for (NumberId id : six) {
            NumberRoute live = standIn.route(id.sid());
            assertThat(live.valueOrNull(RouteField.VOICE_URL)).isEqualTo(NEW_HOST + "/api/twilio/voice");
            assertThat(live.valueOrNull(RouteField.SMS_URL)).isEqualTo(NEW_HOST + "/api/twilio/sms");
            assertThat(live.valueOrNull(RouteField.STATUS_CALLBACK)).isEqualTo(NEW_HOST + "/api/twilio/status");
        }

        RepointResult rollback = repointer.rollback(snapshot);

        assertThat(rollback.status()).isEqualTo(RepointResult.Status.RESTORED);
        assertThat(liveRoutes()).isEqualTo(before);
        assertThat(standIn.route(six.get(4).sid()).get(RouteField.STATUS_CALLBACK)).isEmpty();
    }

    @Test
    void selectsBySidAndByE164AlikeAndFindsNumbersAcrossPages() {
        standIn.addNumbers(2345, NumberRoute.empty().with(RouteField.VOICE_URL, "https://old.example/v"));
        TwilioNumberRepointer repointer = TwilioNumberRepointer.builder(standIn.credentials().restClient(transport))
                .pageSize(1000).build();
        int listsBefore = listRequests();

        RoutingSnapshot all = repointer.snapshot(NumberSelection.all());
        RoutingSnapshot two = repointer.snapshot(NumberSelection.of(six.get(0).sid(), six.get(5).phoneNumber()));

        assertThat(all.size()).isEqualTo(2351);
        assertThat(listRequests() - listsBefore).isEqualTo(6);
        assertThat(standIn.requests()).anyMatch(r -> r.pathAndQuery().contains("PageToken="));
        assertThat(two.numbers()).extracting(n -> n.number()).containsExactly(six.get(0), six.get(5));
    }

    int listRequests() {
        return (int) standIn.requests().stream().filter(r -> r.pathAndQuery().contains("IncomingPhoneNumbers.json")).count();
    }

    @Test
    void ridesOutA429StormWithinTheRetryBudget() {
        TwilioNumberRepointer repointer = repointer(3, true);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        standIn.faults().tooManyUpdates(9, 1);

        long started = System.nanoTime();
        RepointResult result = repointer.apply(plan);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.status()).isEqualTo(RepointResult.Status.COMPLETE);
        long rateLimited = standIn.requests().stream().filter(r -> r.status() == 429).count();
        assertThat(rateLimited).isEqualTo(9);
        assertThat(transport.retryCount()).isEqualTo(9);
        // Retry-After: 1 was honoured (at least one full second waited), yet well within the budget
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    @Timeout(60)
    void aJvmKilledMidRepointLeavesEachNumberOnItsOldOrNewRouteAndTheNextRunCompletesAndRollsBackExactly(
            @TempDir Path dir) throws Exception {
        Map<String, NumberRoute> before = liveRoutes();
        Path snapshotFile = dir.resolve("routes.snapshot");
        standIn.faults().latency(Duration.ofMillis(150));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RepointChild.class.getName(), snapshotFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        builder.environment().put("CUTKIT_TWILIO_ENDPOINT", standIn.endpoint().toString());
        builder.environment().put("CUTKIT_TWILIO_ACCOUNT", standIn.accountSid());
        builder.environment().put("CUTKIT_TWILIO_TOKEN",
                Refdata.secret("TWILIO_AUTH_TOKEN").withBytes(b -> new String(b, StandardCharsets.US_ASCII)));
        Process child = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (standIn.acceptedUpdates() < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        standIn.faults().clear();
        RoutingSnapshot original = RoutingSnapshot.parse(Files.readString(snapshotFile));
        RepointPlan planned = repointer(1, true).plan(original, TO_NEW_STACK, OverrideHandling.REFUSE);
        long moved = planned.changes().stream()
                .filter(change -> standIn.route(change.number().sid()).equals(change.after())).count();
        assertThat(moved).as("numbers repointed before the kill").isBetween(3L, 5L);
        for (PlanEntry.Apply change : planned.changes()) {
            assertThat(standIn.route(change.number().sid())).isIn(change.before(), change.after());
        }

        TwilioNumberRepointer repointer = repointer(3, true);
        RepointResult resumed = repointer.apply(repointer.plan(repointer.snapshot(NumberSelection.all()), TO_NEW_STACK,
                OverrideHandling.REFUSE));

        assertThat(resumed.status()).isEqualTo(RepointResult.Status.COMPLETE);
        for (PlanEntry.Apply change : planned.changes()) {
            assertThat(standIn.route(change.number().sid())).isEqualTo(change.after());
        }
        assertThat(repointer.rollback(original).status()).isEqualTo(RepointResult.Status.RESTORED);
        assertThat(liveRoutes()).isEqualTo(before);
    }

    @Test
    void ridesOutA5xxBurstOnSnapshotApplyAndRollbackAndEndsOnTheExactRoutes() {
        TwilioNumberRepointer repointer = repointer(3, true);
        Map<String, NumberRoute> before = liveRoutes();
        standIn.faults().serverErrors(3);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        standIn.faults().serverErrors(4);

        RepointResult applied = repointer.apply(repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE));

        assertThat(applied.status()).isEqualTo(RepointResult.Status.COMPLETE);
        standIn.faults().serverErrors(4);
        assertThat(repointer.rollback(snapshot).status()).isEqualTo(RepointResult.Status.RESTORED);
        assertThat(liveRoutes()).isEqualTo(before);
        assertThat(standIn.requests().stream().filter(r -> r.status() == 500).count()).isEqualTo(11);
    }

    @Test
    void givesUpWhenRateLimitingOutlastsTheRetryBudgetAndSaysSo() {
        TwilioNumberRepointer repointer = repointer(1, true);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        // Retry-After beyond maxRetryAfter (5 s): not worth waiting, the first update fails at once
        standIn.faults().tooManyUpdates(1, 60);

        RepointResult result = repointer.apply(plan);

        assertThat(result.status()).isEqualTo(RepointResult.Status.RESTORED);
        NumberOutcome.Failed failed = result.ofType(NumberOutcome.Failed.class).get(0);
        assertThat(failed.error()).contains("HTTP 429").contains("20429");
        assertThat(result.ofType(NumberOutcome.NotAttempted.class)).hasSize(5);
    }

    @Test
    void failureOnNumberFourOfSixRollsBackNumbersOneToThree() {
        TwilioNumberRepointer repointer = repointer(1, true);
        Map<String, NumberRoute> before = liveRoutes();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        standIn.faults().failNthUpdatedNumber(4, 500);

        RepointResult result = repointer.apply(plan);

        assertThat(result.outcomes()).extracting(o -> o.getClass().getSimpleName()).containsExactly(
                "RolledBack", "RolledBack", "RolledBack", "Failed", "NotAttempted", "NotAttempted");
        assertThat(result.status()).isEqualTo(RepointResult.Status.RESTORED);
        NumberOutcome.Failed failed = (NumberOutcome.Failed) result.outcomes().get(3);
        assertThat(failed.number()).isEqualTo(six.get(3));
        assertThat(failed.state()).isEqualTo(NumberState.ORIGINAL);
        assertThat(failed.error()).contains("HTTP 500");
        assertThat(liveRoutes()).isEqualTo(before);
        // numbers 1-3 were really changed before being restored: 3 updates + 3 restores accepted
        assertThat(standIn.acceptedUpdates()).isEqualTo(6);
    }

    @Test
    void withoutRollbackEveryNumberStateIsReportedAndMatchesTheLiveRoute() {
        TwilioNumberRepointer repointer = repointer(3, false);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        standIn.faults().rejectUpdatesOf(six.get(3).sid(), 400);

        RepointResult result = repointer.apply(plan);

        assertThat(result.status()).isEqualTo(RepointResult.Status.MIXED);
        Map<NumberId, PlanEntry.Apply> planned = plan.changes().stream()
                .collect(Collectors.toMap(PlanEntry::number, Function.identity()));
        for (NumberOutcome outcome : result.outcomes()) {
            NumberRoute live = standIn.route(outcome.number().sid());
            NumberRoute expected = outcome.state() == NumberState.TARGET
                    ? planned.get(outcome.number()).after() : planned.get(outcome.number()).before();
            assertThat(live).as(outcome.toString()).isEqualTo(expected);
        }
        assertThat(result.outcomes().get(3)).isInstanceOf(NumberOutcome.Failed.class);
        assertThat(result.toText()).contains(six.get(3).phoneNumber()).contains("HTTP 400");
    }

    @Test
    void aTrunkOverrideIsFlaggedBeforeAnythingIsAppliedAndCanBeCleared() {
        String trunk = "TK0123456789abcdef0123456789abcdef";
        NumberId trunked = standIn.addNumber("+13125550999", NumberRoute.empty()
                .with(RouteField.VOICE_URL, "https://crm-api.contractor-host.example/api/twilio/voice")
                .with(RouteField.TRUNK_SID, trunk));
        TwilioNumberRepointer repointer = repointer(3, true);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());

        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);

        assertThat(plan.canApply()).isFalse();
        assertThat(plan.wouldNotMoveTraffic()).singleElement().satisfies(flagged -> {
            assertThat(flagged.number()).isEqualTo(trunked);
            assertThat(flagged.overriddenBy()).containsExactly(RouteField.TRUNK_SID);
            assertThat(flagged.reason()).contains("repoint would not move traffic").contains(trunk);
        });
        assertThat(plan.toText()).contains("FLAGGED");
        assertThatThrownBy(() -> repointer.apply(plan))
                .isInstanceOf(io.cutkit.core.numbers.RepointRefusedException.class)
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining(trunked.phoneNumber());
        assertThat(standIn.acceptedUpdates()).isZero();

        RepointPlan clearing = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.CLEAR_OVERRIDE);
        RepointResult result = repointer.apply(clearing);

        assertThat(result.status()).isEqualTo(RepointResult.Status.COMPLETE);
        assertThat(standIn.route(trunked.sid()).get(RouteField.TRUNK_SID)).isEmpty();
        repointer.rollback(snapshot);
        assertThat(standIn.route(trunked.sid()).valueOrNull(RouteField.TRUNK_SID)).isEqualTo(trunk);
    }

    @Test
    void anUnknownOrMalformedNumberFailsClearlyBeforeAnyChange() {
        TwilioNumberRepointer repointer = repointer(3, true);

        assertThatThrownBy(() -> repointer.snapshot(NumberSelection.of(six.get(0).phoneNumber(), "+19995550000", "555-0181")))
                .isInstanceOfSatisfying(io.cutkit.core.numbers.UnknownNumberException.class, e -> {
                    assertThat(e.unknown()).containsExactly("+19995550000");
                    assertThat(e.malformed()).containsExactly("555-0181");
                })
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining(standIn.accountSid());
        assertThat(standIn.acceptedUpdates()).isZero();
    }

    @Test
    void anInvalidUrlOrSidFailsClearlyBeforeAnyChange() {
        TwilioNumberRepointer repointer = repointer(3, true);
        Map<String, NumberRoute> before = liveRoutes();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());

        assertThatThrownBy(() -> RouteChange.builder().voiceUrl("crm-api.new-stack.example/voice")
                .smsUrl("https://new host/sms").build())
                .isInstanceOfSatisfying(io.cutkit.core.numbers.InvalidRouteChangeException.class,
                        e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("VOICE_URL").hasMessageContaining("SMS_URL");
        RouteChange badTrunk = RouteChange.builder().set(RouteField.TRUNK_SID, "trunk-1").build();
        assertThatThrownBy(() -> repointer.plan(snapshot, badTrunk, OverrideHandling.REFUSE))
                .hasMessageContaining("TRUNK_SID 'trunk-1' is not a Twilio trunk SID");

        assertThat(standIn.acceptedUpdates()).isZero();
        assertThat(liveRoutes()).isEqualTo(before);
    }

    @Test
    void aPlanWhoseNumbersChangedSinceTheSnapshotIsRefused() {
        TwilioNumberRepointer repointer = repointer(3, true);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);
        RoutingSnapshot meanwhile = repointer.snapshot(NumberSelection.of(six.get(2).sid()));
        repointer.apply(repointer.plan(meanwhile, RouteChange.builder().voiceUrl("https://elsewhere.example/v").build(),
                OverrideHandling.REFUSE));
        long updates = standIn.acceptedUpdates();

        assertThatThrownBy(() -> repointer.apply(plan))
                .isInstanceOfSatisfying(io.cutkit.core.numbers.RepointRefusedException.class,
                        e -> assertThat(e.changedSinceSnapshot()).containsExactly(six.get(2)))
                .hasMessageContaining("take a new snapshot");
        assertThat(standIn.acceptedUpdates()).isEqualTo(updates);
    }

    @Test
    void anApiKeyAuthenticatesAndAWrongTokenGetsAClear401() {
        TwilioNumberRepointer withKey = TwilioNumberRepointer.create(standIn.createApiKey(), transport);
        assertThat(withKey.snapshot(NumberSelection.all()).size()).isEqualTo(6);

        TwilioCredentials wrong = TwilioCredentials.authToken(standIn.accountSid(),
                Secret.copyOf("not-the-token".getBytes(StandardCharsets.US_ASCII)));
        TwilioNumberRepointer withWrongToken = TwilioNumberRepointer.create(wrong, transport);
        assertThatThrownBy(() -> withWrongToken.snapshot(NumberSelection.all()))
                .hasMessageContaining("HTTP 401").hasMessageContaining("20003")
                .hasMessageContaining("check the account SID and credentials")
                .hasMessageNotContaining("not-the-token");
    }

    @Test
    void repointsAThousandNumbersWithAConcurrencyLimitAndRestoresThemAll() {
        standIn.addNumbers(994, NumberRoute.empty().with(RouteField.VOICE_URL, "https://old.example/v"));
        TwilioNumberRepointer repointer = repointer(16, true);
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        RepointPlan plan = repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE);

        // its speed is measured by RepointBenchmark, not asserted here
        RepointResult result = repointer.apply(plan);

        assertThat(result.ofType(NumberOutcome.Repointed.class)).hasSize(1000);
        assertThat(repointer.rollback(snapshot).status()).isEqualTo(RepointResult.Status.RESTORED);
    }

    @Test
    void snapshotsAndRestoresEveryRoutingFieldExactly() {
        NumberRoute everything = NumberRoute.empty()
                .with(RouteField.VOICE_URL, "https://old.example/voice?x=1&y=%20z")
                .with(RouteField.VOICE_METHOD, "GET")
                .with(RouteField.VOICE_FALLBACK_URL, "https://old.example/voice-fallback")
                .with(RouteField.VOICE_FALLBACK_METHOD, "GET")
                .with(RouteField.STATUS_CALLBACK, "https://old.example/status")
                .with(RouteField.STATUS_CALLBACK_METHOD, "GET")
                .with(RouteField.SMS_URL, "https://old.example/sms")
                .with(RouteField.SMS_METHOD, "GET")
                .with(RouteField.SMS_FALLBACK_URL, "https://old.example/sms-fallback")
                .with(RouteField.SMS_FALLBACK_METHOD, "GET")
                .with(RouteField.VOICE_APPLICATION_SID, "AP00000000000000000000000000000001")
                .with(RouteField.SMS_APPLICATION_SID, "AP00000000000000000000000000000002")
                .with(RouteField.TRUNK_SID, "TK00000000000000000000000000000003")
                .with(RouteField.VOICE_RECEIVE_MODE, "fax");
        assertThat(everything.values()).hasSize(RouteField.values().length);
        NumberId full = standIn.addNumber("+13125550777", everything);
        List<NumberOutcome> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        TwilioNumberRepointer repointer = TwilioNumberRepointer.builder(standIn.credentials().restClient(transport))
                .onOutcome(events::add).build();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.of(full.phoneNumber()));
        assertThat(snapshot.numbers().get(0).route()).isEqualTo(everything);

        RouteChange change = RouteChange.builder().voiceUrl(NEW_HOST + "/voice").smsUrl(NEW_HOST + "/sms")
                .set(RouteField.VOICE_METHOD, "post").set(RouteField.SMS_FALLBACK_METHOD, "POST")
                .set(RouteField.VOICE_RECEIVE_MODE, "voice").build();
        RepointPlan plan = repointer.plan(snapshot, change, OverrideHandling.CLEAR_OVERRIDE);
        RepointResult result = repointer.apply(plan);

        assertThat(result.status()).isEqualTo(RepointResult.Status.COMPLETE);
        NumberRoute live = standIn.route(full.sid());
        assertThat(live).isEqualTo(plan.changes().get(0).after());
        assertThat(live.valueOrNull(RouteField.VOICE_METHOD)).isEqualTo("POST");
        assertThat(live.get(RouteField.TRUNK_SID)).isEmpty();
        assertThat(live.get(RouteField.VOICE_APPLICATION_SID)).isEmpty();
        assertThat(live.get(RouteField.SMS_APPLICATION_SID)).isEmpty();
        assertThat(live.valueOrNull(RouteField.VOICE_FALLBACK_URL)).isEqualTo("https://old.example/voice-fallback");

        repointer.rollback(snapshot);

        assertThat(standIn.route(full.sid())).isEqualTo(everything);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Repointed", "RolledBack");
    }

    @Test
    void aFailureUnderConcurrencyStillLeavesEveryNumberOnItsSnapshotRoute() {
        TwilioNumberRepointer repointer = repointer(3, true);
        Map<String, NumberRoute> before = liveRoutes();
        RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
        standIn.faults().failNthUpdatedNumber(4, 500).latency(Duration.ofMillis(20));

        RepointResult result = repointer.apply(repointer.plan(snapshot, TO_NEW_STACK, OverrideHandling.REFUSE));

        assertThat(result.status()).isEqualTo(RepointResult.Status.RESTORED);
        assertThat(result.ofType(NumberOutcome.Failed.class)).hasSize(1);
        assertThat(result.ofType(NumberOutcome.RolledBack.class)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(liveRoutes()).isEqualTo(before);
    }
}
