package io.cutkit.core.data;

import java.net.URI;
import java.util.List;

/**
 * Takes a consistent snapshot of databases on a source server and writes it to a destination.
 * Implementations: a local JDBC exporter (cutkit-mysql) and Cloud SQL's export with offload
 * (cutkit-gcp).
 */
public interface SnapshotExporter {

    /**
     * Exports {@code databases} to {@code destination} as one consistent snapshot.
     *
     * @throws SnapshotException when the export fails; a partial destination is removed or named in the message
     */
    Snapshot export(List<String> databases, URI destination);
}
