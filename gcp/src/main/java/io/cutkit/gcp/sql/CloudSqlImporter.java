package io.cutkit.gcp.sql;

import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.ImportContext;
import com.google.api.services.sqladmin.model.InstancesImportRequest;
import com.google.cloud.storage.Storage;
import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.core.data.SnapshotImporter;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.storage.GcsObjectReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a SQL dump from Cloud Storage into a Cloud SQL instance ({@code instances.import}).
 * First streams the object through a {@link DumpLandingCheck} (size and checksums verified;
 * {@link DumpInspectorLandingCheck} by default in practice) and refuses, before anything changes, a
 * truncated dump or one that creates or selects another database than the target, because Cloud SQL follows the dump's {@code USE} whatever database it is told; with
 * {@link Builder#followDump(boolean)} it imports into the database the dump names instead and says
 * so in the outcome. Waits for the operation with backoff until the deadline; the operation's own
 * error (for example a failing statement) is surfaced as a {@link CloudSqlException}.
 *
 * <p>Costs one full read of the object plus the import. The outcome's row count is -1: Cloud SQL
 * does not report rows.
 */
public final class CloudSqlImporter implements SnapshotImporter {

    private final SQLAdmin admin;
    private final CloudSqlInstance instance;
    private final Storage storage;
    private final DumpLandingCheck check;
    private final boolean followDump;
    private final Backoff backoff;
    private final Duration deadline;

    private CloudSqlImporter(Builder b) {
        this.admin = b.admin;
        this.instance = b.instance;
        this.storage = b.storage;
        this.check = b.check;
        this.followDump = b.followDump;
        this.backoff = b.backoff;
        this.deadline = b.deadline;
    }

    public static Builder builder(SQLAdmin admin, CloudSqlInstance instance, Storage storage, DumpLandingCheck check) {
        return new Builder(admin, instance, storage, check);
    }

    /**
     * Imports {@code snapshot} into {@code targetDatabase} (or, following the dump, where it says).
     *
     * @throws DumpLandsElsewhereException when the dump names another database and followDump is off
     * @throws CloudSqlException when the API refuses, the operation fails or the deadline passes
     * @throws SnapshotException when the object is missing, corrupt, truncated or not SQL
     */
    @Override
    public ImportOutcome importInto(Snapshot snapshot, String targetDatabase) {
        DatabaseNames.database(targetDatabase);
        long start = System.nanoTime();
        String source = snapshot.location().toString();
        GcsObjectReader.Read<DumpLanding> read = GcsObjectReader.of(storage)
                .read(snapshot.location(), in -> check.inspect(in, source));
        DumpLanding landing = read.result();
        if (!landing.damage().isEmpty()) {
            throw new SnapshotException("Refusing to import " + source + " into `" + targetDatabase
                    + "`: " + String.join(" ", landing.damage()) + " Nothing was imported.");
        }
        Set<String> named = landing.databases();
        List<DumpLanding.DatabaseMention> elsewhere = landing.mentions().stream()
                .filter(m -> !m.database().equals(targetDatabase)).toList();
        String landsIn = targetDatabase;
        if (!elsewhere.isEmpty()) {
            if (!followDump) {
                throw new DumpLandsElsewhereException(snapshot.location(), targetDatabase, elsewhere);
            }
            landsIn = String.join(",", named);
        }
        ImportContext context = new ImportContext()
                .setKind("sql#importContext")
                .setFileType("SQL")
                .setUri(source)
                .setDatabase(named.size() > 1 ? null : landsIn);
        new AdminCalls(admin, instance, BoundedPoll.of(backoff, deadline)).run("instances.import",
                () -> admin.instances().sqladminImport(instance.project(), instance.instance(),
                        new InstancesImportRequest().setImportContext(context)).execute());
        return new ImportOutcome(landsIn, landing.statements(), -1, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public String toString() {
        return "CloudSqlImporter[" + instance + ", followDump=" + followDump + "]";
    }

    /** Configures a {@link CloudSqlImporter}; defaults: refuse dumps that land elsewhere, 30-minute deadline. */
    public static final class Builder {
        private final SQLAdmin admin;
        private final CloudSqlInstance instance;
        private final Storage storage;
        private final DumpLandingCheck check;
        private boolean followDump;
        private Backoff backoff = Backoff.standard();
        private Duration deadline = Duration.ofMinutes(30);

        private Builder(SQLAdmin admin, CloudSqlInstance instance, Storage storage, DumpLandingCheck check) {
            this.admin = Objects.requireNonNull(admin, "admin");
            this.instance = Objects.requireNonNull(instance, "instance");
            this.storage = Objects.requireNonNull(storage, "storage");
            this.check = Objects.requireNonNull(check, "check");
        }

        /**
         * Imports a dump that names other databases into those databases instead of refusing it
         * (recreate them first: the import adds to what is there).
         */
        public Builder followDump(boolean follow) {
            this.followDump = follow;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        public CloudSqlImporter build() {
            return new CloudSqlImporter(this);
        }
    }
}
