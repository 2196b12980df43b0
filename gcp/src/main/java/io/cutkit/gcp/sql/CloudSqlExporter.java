package io.cutkit.gcp.sql;

import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.Database;
import com.google.api.services.sqladmin.model.ExportContext;
import com.google.api.services.sqladmin.model.InstancesExportRequest;
import com.google.cloud.storage.Storage;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.storage.GcsObjectReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exports databases of a Cloud SQL instance to a SQL file in Cloud Storage through the Admin API
 * ({@code instances.export}), with {@code offload} on by default so the export runs on a temporary
 * replica and does not load the live instance. Reads each database's character set and collation
 * first (so a missing database is refused before anything starts) and, when given a
 * {@link Storage}, the written object's size. Waits for the operation with backoff until the
 * deadline and surfaces its error as a {@link CloudSqlException}.
 */
public final class CloudSqlExporter implements SnapshotExporter {

    private final SQLAdmin admin;
    private final CloudSqlInstance instance;
    private final boolean offload;
    private final Storage storage;
    private final Backoff backoff;
    private final Duration deadline;

    private CloudSqlExporter(Builder b) {
        this.admin = b.admin;
        this.instance = b.instance;
        this.offload = b.offload;
        this.storage = b.storage;
        this.backoff = b.backoff;
        this.deadline = b.deadline;
    }

    public static Builder builder(SQLAdmin admin, CloudSqlInstance instance) {
        return new Builder(admin, instance);
    }

    /**
     * Exports {@code databases} to {@code destination} ({@code gs://bucket/name}; a name ending in
     * {@code .gz} gets a gzip file, as Cloud SQL does).
     *
     * @throws IllegalArgumentException for an empty list, a bad name or a non-gs URI (nothing started)
     * @throws CloudSqlException when a database is missing, the API refuses, the operation fails or the deadline passes
     */
    @Override
    public Snapshot export(List<String> databases, URI destination) {
        if (databases == null || databases.isEmpty()) {
            throw new IllegalArgumentException("name at least one database to export; Cloud SQL would otherwise "
                    + "export every database of " + instance);
        }
        databases.forEach(DatabaseNames::database);
        GcsObjectReader.blobId(destination);
        Instant takenAt = Instant.now();
        long start = System.nanoTime();
        AdminCalls calls = new AdminCalls(admin, instance, BoundedPoll.of(backoff, deadline));
        List<DatabaseSpec> specs = new ArrayList<>();
        for (String name : databases) {
            Database db = calls.database(name);
            if (db == null) {
                throw new CloudSqlException("databases.get", instance, 404, "NOT_FOUND", "database '" + name
                        + "' does not exist", "check the name (it is case-sensitive); nothing was exported", null);
            }
            specs.add(new DatabaseSpec(name, nullToEmpty(db.getCharset()), nullToEmpty(db.getCollation())));
        }
        ExportContext context = new ExportContext()
                .setKind("sql#exportContext")
                .setFileType("SQL")
                .setUri(destination.toString())
                .setDatabases(List.copyOf(databases))
                .setOffload(offload);
        calls.run("instances.export", () -> admin.instances()
                .export(instance.project(), instance.instance(), new InstancesExportRequest().setExportContext(context))
                .execute());
        long size = storage == null ? -1 : GcsObjectReader.of(storage).facts(destination).size();
        return new Snapshot(destination, destination.getPath().endsWith(".gz") ? "sql+gzip" : "sql", size, "", specs,
                takenAt, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "CloudSqlExporter[" + instance + ", offload=" + offload + "]";
    }

    /** Configures a {@link CloudSqlExporter}; defaults: offload on, standard backoff, 30-minute deadline. */
    public static final class Builder {
        private final SQLAdmin admin;
        private final CloudSqlInstance instance;
        private boolean offload = true;
        private Storage storage;
        private Backoff backoff = Backoff.standard();
        private Duration deadline = Duration.ofMinutes(30);

        private Builder(SQLAdmin admin, CloudSqlInstance instance) {
            this.admin = Objects.requireNonNull(admin, "admin");
            this.instance = Objects.requireNonNull(instance, "instance");
        }

        /** Whether the export runs on a temporary replica (serverless export); on by default. */
        public Builder offload(boolean offload) {
            this.offload = offload;
            return this;
        }

        /** Reads the written object's size from {@code storage} for the snapshot. */
        public Builder storage(Storage storage) {
            this.storage = storage;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** How long to wait for the export in all (refusals, retries and the operation). */
        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        public CloudSqlExporter build() {
            return new CloudSqlExporter(this);
        }
    }
}
