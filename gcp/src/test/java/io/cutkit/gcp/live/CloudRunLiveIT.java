package io.cutkit.gcp.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.service.RestartOutcome;
import io.cutkit.gcp.run.CloudRunEnvSecretSource;
import io.cutkit.gcp.run.CloudRunRestarter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Cloud Run adapters against a real service named by CUTKIT_GCP_RUN_SERVICE
 * ({@code projects/p/locations/l/services/s}) and one of its variables, CUTKIT_GCP_RUN_ENV. The
 * restart runs only when CUTKIT_GCP_RUN_RESTART is {@code true}, because it deploys a revision.
 */
@Timeout(900)
class CloudRunLiveIT {

    @Test
    void readsAnEnvironmentVariableOfARealService() throws Exception {
        LiveGcp.project();
        ServiceName service = ServiceName.parse(LiveGcp.require("CUTKIT_GCP_RUN_SERVICE"));
        String variable = LiveGcp.require("CUTKIT_GCP_RUN_ENV");
        try (ServicesClient services = ServicesClient.create();
                SecretManagerServiceClient secrets = SecretManagerServiceClient.create();
                Secret value = CloudRunEnvSecretSource.of(services, service, variable)
                        .resolvingReferencesWith(secrets).read()) {
            assertThat(value.fingerprint()).startsWith("fp:");
        }
    }

    @Test
    void restartsARealServiceIntoANewRevision() throws Exception {
        LiveGcp.project();
        String service = LiveGcp.require("CUTKIT_GCP_RUN_SERVICE");
        org.junit.jupiter.api.Assumptions.assumeTrue("true".equals(System.getenv("CUTKIT_GCP_RUN_RESTART")),
                "CUTKIT_GCP_RUN_RESTART is not true; restart skipped");
        try (ServicesClient services = ServicesClient.create()) {
            RestartOutcome outcome = CloudRunRestarter.of(services).restart(service, Duration.ofMinutes(10));
            assertThat(outcome.newRevision()).isNotEqualTo(outcome.previousRevision()).contains("-cutkit-");
        }
    }
}
