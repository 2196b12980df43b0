package io.cutkit.gcp.secretmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.secret.InMemorySecretStore;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.PlaceholderSecretException;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretPipe;
import io.cutkit.core.secret.SecretReceipt;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.CapturedOutput;
import io.cutkit.gcp.testing.Fault;
import io.cutkit.gcp.testing.SecretManagerStandIn;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SecretManagerAdaptersIT {

    private static final SecretName KEY = SecretName.of("cutkit-test", "ENCRYPTION_KEY");

    private SecretManagerStandIn standIn;
    private SecretManagerServiceClient client;

    @BeforeEach
    void start() {
        standIn = SecretManagerStandIn.start();
        client = standIn.client();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private static byte[] randomValue() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encode(raw);
    }

    private SecretManagerSink creatingSink() {
        return SecretManagerSink.to(client, KEY).createIfMissing(true).build();
    }

    @Test
    void numbersVersionsFromOneAndReadsLatestAndPinnedVersions() {
        byte[] first = randomValue();
        byte[] second = randomValue();
        SecretManagerSink sink = creatingSink();

        assertThat(sink.write(Secret.copyOf(first))).isEqualTo("1");
        assertThat(sink.write(Secret.copyOf(second))).isEqualTo("2");

        try (Secret latest = SecretManagerSource.latest(client, KEY).read();
                Secret pinned = SecretManagerSource.pinned(client,
                        SecretVersionName.of("cutkit-test", "ENCRYPTION_KEY", "1")).read()) {
            assertThat(latest).isEqualTo(Secret.copyOf(second));
            assertThat(pinned).isEqualTo(Secret.copyOf(first));
        }
        assertThat(standIn.versionCount(KEY.toString())).isEqualTo(2);
    }

    @Test
    void refusesToWriteToAMissingSecretUnlessAskedToCreateIt() {
        SecretManagerSink strict = SecretManagerSink.to(client, KEY).build();

        assertThatThrownBy(() -> strict.write(Secret.copyOf(randomValue())))
                .isInstanceOfSatisfying(SecretManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCode.Code.NOT_FOUND);
                    assertThat(e.getMessage()).contains(KEY.toString()).contains("createIfMissing(true)");
                });
        assertThat(standIn.versionCount(KEY.toString())).isZero();
    }

    @Test
    void disablesOlderVersionsWhenAskedAndThenRefusesToReadThem() {
        creatingSink().write(Secret.copyOf(randomValue()));
        creatingSink().write(Secret.copyOf(randomValue()));
        SecretManagerSink disabling = SecretManagerSink.to(client, KEY).disableOlderVersions(true).build();

        String third = disabling.write(Secret.copyOf(randomValue()));

        assertThat(third).isEqualTo("3");
        assertThat(standIn.versionState(KEY.toString(), 1)).isEqualTo(SecretVersion.State.DISABLED);
        assertThat(standIn.versionState(KEY.toString(), 2)).isEqualTo(SecretVersion.State.DISABLED);
        assertThat(standIn.versionState(KEY.toString(), 3)).isEqualTo(SecretVersion.State.ENABLED);
        SecretManagerSource old = SecretManagerSource.pinned(client,
                SecretVersionName.of("cutkit-test", "ENCRYPTION_KEY", "1"));
        assertThatThrownBy(old::read).isInstanceOfSatisfying(SecretManagerException.class,
                e -> assertThat(e.code()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION));
    }

    @Test
    void pipesASecretWithMatchingReadBackFingerprintAndNoValueInTheOutput() {
        byte[] value = randomValue();
        InMemorySecretStore source = InMemorySecretStore.named("contractor");
        source.write(Secret.copyOf(value));
        SecretReceipt receipt;
        try (CapturedOutput output = CapturedOutput.start()) {
            receipt = SecretPipe.standard().move("ENCRYPTION_KEY", source, creatingSink());
            assertThat(output.contains(value)).isFalse();
            assertThat(output.contains(receipt.fingerprint().getBytes(StandardCharsets.US_ASCII))).isTrue();
        }
        assertThat(receipt.verifiedByReadBack()).isTrue();
        assertThat(receipt.destinationVersion()).isEqualTo("1");
        assertThat(receipt.fingerprint()).isEqualTo(Secret.copyOf(value).fingerprint());
        assertThat(receipt.toString()).doesNotContain(new String(value, StandardCharsets.US_ASCII));
    }

    @Test
    void detectsAPlaceholderAsTheCurrentVersion() {
        SecretManagerSink sink = creatingSink();
        sink.write(Secret.copyOf(randomValue()));
        sink.write(Secret.copyOf("changeme".getBytes(StandardCharsets.US_ASCII)));
        SecretManagerSource current = SecretManagerSource.latest(client, KEY);

        SecretManagerSource.VersionCheck check = current.checkPlaceholder(PlaceholderPolicy.defaults());

        assertThat(check.isPlaceholder()).isTrue();
        assertThat(check.version()).endsWith("/versions/2");
        assertThatThrownBy(() -> current.requireReal(PlaceholderPolicy.defaults()))
                .isInstanceOf(PlaceholderSecretException.class)
                .hasMessageContaining("versions/2");
        sink.write(Secret.copyOf(randomValue()));
        assertThat(current.checkPlaceholder(PlaceholderPolicy.defaults()).isPlaceholder()).isFalse();
    }

    @Test
    void discardsAPayloadThatDoesNotMatchItsChecksum() {
        creatingSink().write(Secret.copyOf(randomValue()));
        standIn.corruptPayloadsInTransit(true);

        assertThatThrownBy(() -> SecretManagerSource.latest(client, KEY).read())
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("does not match its CRC32C");
    }

    @Test
    void retriesAddingAVersionWhileQuotaIsExhaustedThenSucceeds() {
        creatingSink().write(Secret.copyOf(randomValue()));
        standIn.faults().failNext("AddSecretVersion", Fault.RATE_LIMITED, 2);

        String version = creatingSink().write(Secret.copyOf(randomValue()));

        assertThat(version).isEqualTo("2");
        assertThat(standIn.faults().callCount("AddSecretVersion")).isEqualTo(4);
    }

    @Test
    void givesUpOnExhaustedQuotaAtItsDeadlineWithAClearError() {
        creatingSink().write(Secret.copyOf(randomValue()));
        standIn.faults().failAlways("AddSecretVersion", Fault.RATE_LIMITED);
        SecretManagerSink sink = SecretManagerSink.to(client, KEY)
                .quotaRetry(new Backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(200)), Duration.ofSeconds(1))
                .build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> sink.write(Secret.copyOf(randomValue())))
                .isInstanceOfSatisfying(SecretManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCode.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getMessage()).contains("quota");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(standIn.versionCount(KEY.toString())).isEqualTo(1);
    }

    @Test
    void doesNotRetryAnUnavailableWriteAndSaysItMayHaveLanded() {
        creatingSink().write(Secret.copyOf(randomValue()));
        standIn.faults().failNext("AddSecretVersion", Fault.UNAVAILABLE, 1);

        assertThatThrownBy(() -> creatingSink().write(Secret.copyOf(randomValue())))
                .isInstanceOfSatisfying(SecretManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCode.Code.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("may or may not have been added");
                });
        assertThat(standIn.faults().callCount("AddSecretVersion")).isEqualTo(2);
    }

    @Test
    void readsThroughATransientOutageAndFailsWithinTheClientDeadlineOnALongOne() {
        creatingSink().write(Secret.copyOf(randomValue()));
        standIn.faults().failNext("AccessSecretVersion", Fault.UNAVAILABLE, 2);
        try (Secret read = SecretManagerSource.latest(client, KEY).read()) {
            assertThat(read.length()).isEqualTo(44);
        }

        standIn.faults().failAlways("AccessSecretVersion", Fault.UNAVAILABLE);
        long start = System.nanoTime();
        assertThatThrownBy(() -> SecretManagerSource.latest(client, KEY).read())
                .isInstanceOfSatisfying(SecretManagerException.class,
                        e -> assertThat(e.code()).isIn(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void namesTheRoleToGrantWhenPermissionIsDenied() {
        standIn.faults().failAlways("GetSecret", Fault.PERMISSION_DENIED);

        assertThatThrownBy(() -> creatingSink().write(Secret.copyOf(randomValue())))
                .isInstanceOfSatisfying(SecretManagerException.class, e -> {
                    assertThat(e.code()).isEqualTo(StatusCode.Code.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("roles/secretmanager").contains(KEY.toString());
                });
        assertThat(standIn.versionCount(KEY.toString())).isZero();
    }

    @Test
    void toleratesAConflictOnCreateButStillRefusesToWriteToAMissingSecret() {
        standIn.faults().failNext("CreateSecret", Fault.CONFLICT, 1);
        // the injected ALREADY_EXISTS leaves the secret missing, so the write then reports NOT_FOUND
        assertThatThrownBy(() -> creatingSink().write(Secret.copyOf(randomValue())))
                .isInstanceOfSatisfying(SecretManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(StatusCode.Code.NOT_FOUND));
        assertThat(standIn.faults().callCount("CreateSecret")).isEqualTo(1);
        assertThat(creatingSink().write(Secret.copyOf(randomValue()))).isEqualTo("1");
    }

    @Test
    void aWriteFailingAfterTheSecretWasCreatedLeavesNoVersionAndTheNextRunAddsTheValue() {
        byte[] value = randomValue();
        standIn.faults().failNext("AddSecretVersion", Fault.PERMISSION_DENIED, 1);

        assertThatThrownBy(() -> creatingSink().write(Secret.copyOf(value)))
                .isInstanceOfSatisfying(SecretManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(StatusCode.Code.PERMISSION_DENIED));
        assertThat(standIn.faults().callCount("CreateSecret")).isEqualTo(1);
        assertThat(standIn.versionCount(KEY.toString())).isZero();
        assertThatThrownBy(() -> SecretManagerSource.latest(client, KEY).read())
                .isInstanceOfSatisfying(SecretManagerException.class,
                        e -> assertThat(e.code()).isEqualTo(StatusCode.Code.NOT_FOUND));

        assertThat(creatingSink().write(Secret.copyOf(value))).isEqualTo("1");
        try (Secret read = SecretManagerSource.latest(client, KEY).read()) {
            assertThat(read.copyBytes()).isEqualTo(value);
        }
    }

    @Test
    void ridesOutA429StormAndA5xxBurstOnEveryCallAndReadsBackTheValueWritten() {
        byte[] value = randomValue();
        standIn.faults().failNext("GetSecret", Fault.UNAVAILABLE, 2)
                .failNext("AddSecretVersion", Fault.RATE_LIMITED, 6)
                .failNext("AccessSecretVersion", Fault.RATE_LIMITED, 2)
                .failNext("AccessSecretVersion", Fault.UNAVAILABLE, 2);

        String version = SecretManagerSink.to(client, KEY).createIfMissing(true)
                .quotaRetry(new Backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(200)), Duration.ofSeconds(10))
                .build().write(Secret.copyOf(value));

        assertThat(version).isEqualTo("1");
        assertThat(standIn.versionCount(KEY.toString())).isEqualTo(1);
        try (Secret read = SecretManagerSource.latest(client, KEY).read()) {
            assertThat(read.copyBytes()).isEqualTo(value);
        }
        assertThat(standIn.faults().callCount("AddSecretVersion")).isEqualTo(7);
    }
}
