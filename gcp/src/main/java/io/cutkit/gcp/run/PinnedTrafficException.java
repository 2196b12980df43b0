package io.cutkit.gcp.run;

import io.cutkit.core.service.RestartException;
import java.util.List;

/**
 * A restart was refused before anything changed because the service's traffic is pinned to named
 * revisions: a new revision would start but receive no traffic, so the secrets it re-reads would
 * not be served.
 */
public final class PinnedTrafficException extends RestartException {

    private final String service;
    private final List<String> pinnedRevisions;

    PinnedTrafficException(String service, List<String> pinnedRevisions) {
        super("Refusing to restart " + service + ": its traffic is pinned to revision(s) " + pinnedRevisions
                + ", so a new revision would serve nothing. Nothing was changed. Send traffic to the latest revision "
                + "first (gcloud run services update-traffic " + service.substring(service.lastIndexOf('/') + 1)
                + " --to-latest), then run again.");
        this.service = service;
        this.pinnedRevisions = List.copyOf(pinnedRevisions);
    }

    public String service() {
        return service;
    }

    public List<String> pinnedRevisions() {
        return pinnedRevisions;
    }
}
