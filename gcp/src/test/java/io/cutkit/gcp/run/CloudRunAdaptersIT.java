package io.cutkit.gcp.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.EnvVarSource;
import com.google.cloud.run.v2.ExecutionTemplate;
import com.google.cloud.run.v2.JobName;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.SecretKeySelector;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.UnsafeByteOperations;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretPipe;
import io.cutkit.core.secret.SecretReceipt;
import io.cutkit.core.service.RestartException;
import io.cutkit.core.service.RestartOutcome;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.CapturedOutput;
import io.cutkit.gcp.secretmanager.SecretManagerSink;
import io.cutkit.gcp.testing.CloudRunStandIn;
import io.cutkit.gcp.testing.Fault;
import io.cutkit.gcp.testing.OperationOutcome;
import io.cutkit.gcp.testing.SecretManagerStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CloudRunAdaptersIT {

    private static final ServiceName API = ServiceName.of("contractor", "europe-west1", "optileads-api");
    private static final String FIRST_REVISION = "optileads-api-00001-abc";
    private static final SecretName TWILIO = SecretName.of("contractor", "twilio-auth-token");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(200));

    private SecretManagerStandIn secretManager;
    private CloudRunStandIn cloudRun;
    private SecretManagerServiceClient secrets;
    private ServicesClient services;
    private EnvFile env;

    @BeforeEach
    void start(@TempDir Path folder) {
        secretManager = SecretManagerStandIn.start();
        cloudRun = CloudRunStandIn.start(secretManager);
        secrets = secretManager.client();
        services = cloudRun.servicesClient();
        env = EnvFile.read(privateSecretsEnv(folder));
        try (Secret token = env.source("TWILIO_AUTH_TOKEN").read()) {
            SecretManagerSink.to(secrets, TWILIO).createIfMissing(true).build().write(token);
        }
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        cloudRun.close();
        secretManager.close();
    }

    private Service deploy(TrafficTarget... traffic) {
        EnvVar.Builder key = EnvVar.newBuilder().setName("ENCRYPTION_KEY");
        try (Secret value = env.source("ENCRYPTION_KEY").read()) {
            key.setValueBytes(UnsafeByteOperations.unsafeWrap(value.copyBytes()));
        }
        Container api = Container.newBuilder().setName("api").setImage("europe-docker.pkg.dev/contractor/api:45")
                .addEnv(key)
                .addEnv(EnvVar.newBuilder().setName("TWILIO_AUTH_TOKEN").setValueSource(EnvVarSource.newBuilder()
                        .setSecretKeyRef(SecretKeySelector.newBuilder().setSecret("twilio-auth-token").setVersion("latest"))))
                .build();
        Service.Builder service = Service.newBuilder().setName(API.toString())
                .setTemplate(RevisionTemplate.newBuilder().setRevision(FIRST_REVISION).addContainers(api));
        for (TrafficTarget t : traffic) {
            service.addTraffic(t);
        }
        return cloudRun.deploy(service.build());
    }

    private CloudRunRestarter restarter() {
        return CloudRunRestarter.of(services).withBackoff(FAST);
    }

    private static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void pipesAPlainEnvVarIntoSecretManagerWithMatchingFingerprintAndChecksumAndNoValueInTheOutput() {
        deploy();
        byte[] value;
        try (Secret expected = env.source("ENCRYPTION_KEY").read()) {
            value = expected.copyBytes();
        }
        SecretName destination = SecretName.of("newstack", "encryption-key");
        SecretReceipt receipt;
        try (CapturedOutput output = CapturedOutput.start()) {
            receipt = SecretPipe.standard().move("ENCRYPTION_KEY",
                    CloudRunEnvSecretSource.of(services, API, "ENCRYPTION_KEY"),
                    SecretManagerSink.to(secrets, destination).createIfMissing(true).build());
            assertThat(output.contains(value)).isFalse();
        }

        assertThat(receipt.verifiedByReadBack()).isTrue();
        assertThat(receipt.fingerprint()).isEqualTo(Secret.copyOf(value).fingerprint());
        long stored = secrets.accessSecretVersion(SecretVersionName.of("newstack", "encryption-key",
                receipt.destinationVersion())).getPayload().getDataCrc32C();
        assertThat(stored).isEqualTo(crc32c(value));
    }

    @Test
    void resolvesASecretReferenceThroughSecretManager() {
        deploy();
        CloudRunEnvSecretSource source = CloudRunEnvSecretSource.of(services, API, "TWILIO_AUTH_TOKEN")
                .inContainer("api").resolvingReferencesWith(secrets);

        try (Secret read = source.read(); Secret expected = env.source("TWILIO_AUTH_TOKEN").read()) {
            assertThat(read).isEqualTo(expected);
        }
        assertThatThrownBy(() -> CloudRunEnvSecretSource.of(services, API, "TWILIO_AUTH_TOKEN").read())
                .isInstanceOf(SecretException.class).hasMessageContaining("resolvingReferencesWith");
    }

    @Test
    void namesTheVariablesPresentWhenTheOneAskedForIsMissing() {
        deploy();

        assertThatThrownBy(() -> CloudRunEnvSecretSource.of(services, API, "ENCRYPTION_KEY_V2").read())
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("ENCRYPTION_KEY_V2")
                .hasMessageContaining("api[ENCRYPTION_KEY, TWILIO_AUTH_TOKEN]");
    }

    @Test
    void restartStartsANewRevisionThatServesTheNewSecretVersion() {
        deploy();
        byte[] rotated = "rotated-token-3f9a1c".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String newVersion = SecretManagerSink.to(secrets, TWILIO).build().write(Secret.copyOf(rotated));
        assertThat(newVersion).isEqualTo("2");
        assertThat(cloudRun.servedEnv(API.toString(), "TWILIO_AUTH_TOKEN").orElseThrow()).isNotEqualTo(rotated);

        RestartOutcome outcome = restarter().restart(API.toString(), Duration.ofSeconds(10));

        assertThat(outcome.previousRevision()).isEqualTo(API + "/revisions/" + FIRST_REVISION);
        assertThat(outcome.newRevision()).isNotEqualTo(outcome.previousRevision()).contains("optileads-api-cutkit-");
        assertThat(cloudRun.servedEnv(API.toString(), "TWILIO_AUTH_TOKEN").orElseThrow()).isEqualTo(rotated);
        Service after = cloudRun.service(API.toString());
        assertThat(after.getGeneration()).isEqualTo(2);
        assertThat(after.getObservedGeneration()).isEqualTo(2);
        assertThat(after.getReconciling()).isFalse();
    }

    @Test
    void twoRestartsGetDistinctRevisionNames() {
        deploy();
        RestartOutcome first = restarter().restart(API.toString(), Duration.ofSeconds(10));
        RestartOutcome second = restarter().restart(API.toString(), Duration.ofSeconds(10));

        assertThat(second.previousRevision()).isEqualTo(first.newRevision());
        assertThat(second.newRevision()).isNotEqualTo(first.newRevision());
    }

    @Test
    void refusesToRestartWhenTrafficIsPinnedToAnOldRevisionAndChangesNothing() {
        deploy(TrafficTarget.newBuilder().setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION)
                .setRevision(FIRST_REVISION).setPercent(100).build());

        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(PinnedTrafficException.class, e -> {
                    assertThat(e.pinnedRevisions()).containsExactly(FIRST_REVISION);
                    assertThat(e.getMessage()).contains("--to-latest").contains("Nothing was changed");
                });
        assertThat(cloudRun.faults().callCount("UpdateService")).isZero();
        assertThat(cloudRun.service(API.toString()).getGeneration()).isEqualTo(1);
    }

    @Test
    void surfacesTheErrorOfAFailingOperation() {
        deploy();
        cloudRun.nextOperation(OperationOutcome.failAfter(Duration.ofMillis(100), "FAILED_PRECONDITION",
                "Revision 'x' is not ready and cannot serve traffic. The user-provided container failed to start"));

        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(OperationFailedException.class, e -> {
                    assertThat(e.serviceMessage()).contains("container failed to start");
                    assertThat(e.getMessage()).contains("FAILED_PRECONDITION");
                });
    }

    @Test
    void failsWhenTheNewRevisionCannotResolveItsSecret() {
        deploy();
        secrets.disableSecretVersion(SecretVersionName.of("contractor", "twilio-auth-token", "1"));

        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(OperationFailedException.class,
                        e -> assertThat(e.serviceMessage()).contains("twilio-auth-token").contains("DISABLED"));
        assertThat(cloudRun.service(API.toString()).getLatestReadyRevision()).endsWith(FIRST_REVISION);
    }

    @Test
    void retriesAnUnavailableUpdateWithinTheDeadline() {
        deploy();
        cloudRun.faults().failNext("UpdateService", Fault.UNAVAILABLE, 3);

        RestartOutcome outcome = restarter().restart(API.toString(), Duration.ofSeconds(10));

        assertThat(outcome.newRevision()).contains("-cutkit-");
        assertThat(cloudRun.service(API.toString()).getGeneration()).isEqualTo(2);
    }

    @Test
    void givesUpOnAPersistentRateLimitAtTheDeadline() {
        deploy();
        cloudRun.faults().failAlways("UpdateService", Fault.RATE_LIMITED);
        long start = System.nanoTime();

        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(1)))
                .isInstanceOf(RestartException.class)
                .hasMessageContaining("RESOURCE_EXHAUSTED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(cloudRun.service(API.toString()).getGeneration()).isEqualTo(1);
    }

    @Test
    void namesTheRoleWhenPermissionIsDeniedAndReportsConflictsClearly() {
        deploy();
        cloudRun.faults().failNext("UpdateService", Fault.PERMISSION_DENIED, 1);
        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(5)))
                .isInstanceOf(RestartException.class).hasMessageContaining("roles/run.developer");

        cloudRun.faults().failNext("UpdateService", Fault.CONFLICT, 1);
        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(5)))
                .isInstanceOf(RestartException.class).hasMessageContaining("another deployment");
        assertThat(cloudRun.service(API.toString()).getGeneration()).isEqualTo(1);
    }

    @Test
    void runsAJobWithATaskCountAndReportsEachTask() {
        JobName job = JobName.of("newstack", "europe-west1", "reencrypt");
        cloudRun.deployJob(job.toString(), ExecutionTemplate.newBuilder().setTaskCount(1).build(),
                (index, count) -> index == 2 ? 3 : 0);
        CloudRunJobLauncher launcher = CloudRunJobLauncher.of(cloudRun.jobsClient(), cloudRun.tasksClient())
                .withBackoff(FAST);

        JobRun run = launcher.run(job, 4, Duration.ofSeconds(10));

        assertThat(run.taskCount()).isEqualTo(4);
        assertThat(run.tasks()).extracting(JobRun.TaskReport::index).containsExactly(0, 1, 2, 3);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.failedTasks()).singleElement().satisfies(t -> {
            assertThat(t.index()).isEqualTo(2);
            assertThat(t.exitCode()).isEqualTo(3);
        });
    }

    @Test
    void reportsAFullySuccessfulJobRunAndBoundsAJobThatNeverEnds() {
        JobName job = JobName.of("newstack", "europe-west1", "migrate");
        cloudRun.deployJob(job.toString(), ExecutionTemplate.newBuilder().setTaskCount(1).build(), (i, n) -> 0);
        CloudRunJobLauncher launcher = CloudRunJobLauncher.of(cloudRun.jobsClient(), cloudRun.tasksClient())
                .withBackoff(FAST);

        assertThat(launcher.run(job, 2, Duration.ofSeconds(10)).succeeded()).isTrue();

        cloudRun.nextOperation(OperationOutcome.neverFinish());
        assertThatThrownBy(() -> launcher.run(job, 2, Duration.ofMillis(800)))
                .isInstanceOf(RestartException.class).hasMessageContaining("did not finish");
    }

    /** refdata's {@code secrets.env} copied into {@code folder} with mode 600, as EnvFile requires. */
    private static java.nio.file.Path privateSecretsEnv(java.nio.file.Path folder) {
        try {
            java.nio.file.Path copy = folder.resolve("secrets.env");
            java.nio.file.Files.copy(io.cutkit.mysql.refdata.Refdata.file("secrets.env"), copy);
            java.nio.file.Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRestartThatNeverBecomesReadyFailsAtItsDeadlineWithTheOldRevisionServingAndTheNextRestartCompletes() {
        deploy();
        cloudRun.nextOperation(OperationOutcome.neverFinish());
        long start = System.nanoTime();

        assertThatThrownBy(() -> restarter().restart(API.toString(), Duration.ofSeconds(1)))
                .isInstanceOf(RestartException.class)
                .hasMessageContaining("did not finish within PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        Service stuck = cloudRun.service(API.toString());
        assertThat(stuck.getLatestReadyRevision()).endsWith(FIRST_REVISION);
        assertThat(stuck.getTrafficStatusesList()).extracting(t -> t.getRevision()).containsOnly(FIRST_REVISION);

        RestartOutcome next = restarter().restart(API.toString(), Duration.ofSeconds(10));

        assertThat(next.newRevision()).contains("-cutkit-");
        assertThat(cloudRun.service(API.toString()).getLatestReadyRevision()).isEqualTo(next.newRevision());
    }

    @Test
    void ridesOutA429StormAndA5xxBurstOnEveryCallAndServesTheNewRevision() {
        deploy();
        cloudRun.faults().failNext("UpdateService", Fault.RATE_LIMITED, 4)
                .failNext("UpdateService", Fault.UNAVAILABLE, 2)
                .failNext("GetOperation", Fault.UNAVAILABLE, 2)
                .failNext("GetOperation", Fault.RATE_LIMITED, 2);

        RestartOutcome outcome = restarter().restart(API.toString(), Duration.ofSeconds(15));

        Service served = cloudRun.service(API.toString());
        assertThat(served.getGeneration()).isEqualTo(2);
        assertThat(served.getLatestReadyRevision()).isEqualTo(outcome.newRevision());
        assertThat(cloudRun.servedEnv(API.toString(), "TWILIO_AUTH_TOKEN")).isPresent();
        assertThat(cloudRun.faults().callCount("UpdateService")).isEqualTo(7);
    }
}
