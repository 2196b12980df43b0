package io.cutkit.gcp.sql;

import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.Database;
import io.cutkit.core.data.DatabaseRecreator;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.RecreateOutcome;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Drops and recreates a database of a Cloud SQL instance through the Admin API
 * ({@code databases.delete} then {@code databases.insert} with the source's character set and
 * collation), for field report blockers 1 and 4. Refuses, before dropping anything, a target other
 * than the one it was built for, and (by default) a collation the instance does not accept: it
 * first creates and deletes a throw-away probe database with that collation. Verifies the result
 * with {@code databases.get}. Each step waits for its operation within the deadline.
 */
public final class CloudSqlDatabaseRecreator implements DatabaseRecreator {

    private final SQLAdmin admin;
    private final CloudSqlInstance instance;
    private final String allowedTarget;
    private final boolean probeCollation;
    private final boolean dryRun;
    private final Backoff backoff;
    private final Duration deadline;

    private CloudSqlDatabaseRecreator(Builder b) {
        this.admin = b.admin;
        this.instance = b.instance;
        this.allowedTarget = b.allowedTarget;
        this.probeCollation = b.probeCollation;
        this.dryRun = b.dryRun;
        this.backoff = b.backoff;
        this.deadline = b.deadline;
    }

    /** A recreator that will only ever touch {@code allowedTarget} on {@code instance}. */
    public static Builder builder(SQLAdmin admin, CloudSqlInstance instance, String allowedTarget) {
        return new Builder(admin, instance, allowedTarget);
    }

    @Override
    public RecreateOutcome recreateLike(DatabaseSpec like, String targetDatabase) {
        if (!allowedTarget.equals(targetDatabase)) {
            throw new SnapshotException("Refusing to recreate `" + targetDatabase + "` on " + instance
                    + ": this recreator was built for `" + allowedTarget + "` only. Nothing was dropped. Build one for `"
                    + targetDatabase + "` if that is really the database to drop.");
        }
        DatabaseNames.charsetOrCollation("character set", like.characterSet());
        DatabaseNames.charsetOrCollation("collation", like.collation());
        AdminCalls calls = new AdminCalls(admin, instance, BoundedPoll.of(backoff, deadline));
        Database existing = calls.database(targetDatabase);
        DatabaseSpec wanted = like.renamed(targetDatabase);
        String plan = (existing == null ? "create" : "drop and recreate") + " `" + targetDatabase + "` on " + instance
                + " with " + like.characterSet() + "/" + like.collation();
        if (dryRun) {
            return new RecreateOutcome(wanted, existing != null, true, "would " + plan);
        }
        if (probeCollation) {
            probe(calls, like);
        }
        if (existing != null) {
            calls.run("databases.delete " + targetDatabase, () -> admin.databases()
                    .delete(instance.project(), instance.instance(), targetDatabase).execute());
        }
        calls.run("databases.insert " + targetDatabase, () -> admin.databases()
                .insert(instance.project(), instance.instance(), database(targetDatabase, like)).execute());
        Database created = calls.database(targetDatabase);
        if (created == null || !like.collation().equalsIgnoreCase(String.valueOf(created.getCollation()))
                || !like.characterSet().equalsIgnoreCase(String.valueOf(created.getCharset()))) {
            throw new SnapshotException("Recreated `" + targetDatabase + "` on " + instance + " but it reports "
                    + (created == null ? "nothing" : created.getCharset() + "/" + created.getCollation())
                    + " instead of " + like.characterSet() + "/" + like.collation()
                    + "; check the instance's flags (character_set_server, collation_server) and run again.");
        }
        return new RecreateOutcome(wanted, existing != null, false, "did " + plan);
    }

    private void probe(AdminCalls calls, DatabaseSpec like) {
        String probe = "cutkit_probe_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            calls.run("databases.insert " + probe, () -> admin.databases()
                    .insert(instance.project(), instance.instance(), database(probe, like)).execute());
        } catch (CloudSqlException e) {
            throw new SnapshotException("Instance " + instance + " does not accept character set " + like.characterSet()
                    + " with collation " + like.collation() + " (" + e.serviceMessage() + "). Nothing was dropped. "
                    + "Use a server version that has this collation, or choose an equivalent one it has.", e);
        }
        calls.run("databases.delete " + probe, () -> admin.databases()
                .delete(instance.project(), instance.instance(), probe).execute());
    }

    private Database database(String name, DatabaseSpec like) {
        return new Database().setKind("sql#database").setProject(instance.project()).setInstance(instance.instance())
                .setName(name).setCharset(like.characterSet()).setCollation(like.collation());
    }

    /** Configures a {@link CloudSqlDatabaseRecreator}; defaults: probe the collation, 10-minute deadline. */
    public static final class Builder {
        private final SQLAdmin admin;
        private final CloudSqlInstance instance;
        private final String allowedTarget;
        private boolean probeCollation = true;
        private boolean dryRun;
        private Backoff backoff = Backoff.standard();
        private Duration deadline = Duration.ofMinutes(10);

        private Builder(SQLAdmin admin, CloudSqlInstance instance, String allowedTarget) {
            this.admin = Objects.requireNonNull(admin, "admin");
            this.instance = Objects.requireNonNull(instance, "instance");
            this.allowedTarget = DatabaseNames.database(allowedTarget);
        }

        /** Whether to prove the collation with a throw-away database before dropping the target (on by default). */
        public Builder probeCollation(boolean probe) {
            this.probeCollation = probe;
            return this;
        }

        /** Only reports what it would do. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
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

        public CloudSqlDatabaseRecreator build() {
            return new CloudSqlDatabaseRecreator(this);
        }
    }
}
