package io.cutkit.examples.local;

import io.cutkit.core.service.RestartException;
import io.cutkit.core.service.RestartOutcome;
import io.cutkit.core.service.ServiceRestarter;
import io.cutkit.examples.crm.CrmApi;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Restarts the local API the way Cloud Run restarts a service: the real {@code CloudRunRestarter}
 * deploys a new revision on the Cloud Run stand-in (which resolves the service's secret references
 * as that revision starts), then the local process is restarted so that it serves with what the new
 * revision resolved. The cutover code sees one {@link ServiceRestarter}, as it would in the cloud.
 * Costs the stand-in's update operation plus a local restart (milliseconds).
 */
public final class LocalRevisionRestarter implements ServiceRestarter {

    private final ServiceRestarter cloudRun;
    private final CrmApi api;

    /** Restarts through {@code cloudRun}, then restarts {@code api}. */
    public LocalRevisionRestarter(ServiceRestarter cloudRun, CrmApi api) {
        this.cloudRun = Objects.requireNonNull(cloudRun, "cloudRun");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public RestartOutcome restart(String service, Duration deadline) {
        RestartOutcome outcome = cloudRun.restart(service, deadline);
        try {
            api.restart();
        } catch (IOException e) {
            throw new RestartException("Revision " + outcome.newRevision() + " is ready but the local API did not come back: "
                    + e.getMessage() + "; free its port and run the rehearsal again", e);
        }
        return outcome;
    }
}
