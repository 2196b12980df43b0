package io.cutkit.gcp.dms;

import com.google.cloud.clouddms.v1.ConnectionProfile;
import com.google.cloud.clouddms.v1.CreateConnectionProfileRequest;
import com.google.cloud.clouddms.v1.CreateMigrationJobRequest;
import com.google.cloud.clouddms.v1.DataMigrationServiceClient;
import com.google.cloud.clouddms.v1.DatabaseEngine;
import com.google.cloud.clouddms.v1.DatabaseProvider;
import com.google.cloud.clouddms.v1.DatabaseType;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.MySqlConnectionProfile;
import com.google.cloud.clouddms.v1.StartMigrationJobRequest;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationLink;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.secret.Secret;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.mysql.replication.ManagedReplica;
import io.cutkit.mysql.replication.NativeReplicationLink;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ReplicationLink} through Google's Database Migration Service (API v1, the real
 * {@link DataMigrationServiceClient}) into Cloud SQL for MySQL.
 *
 * <p>{@link #start} creates the source and destination connection profiles and a CONTINUOUS
 * migration job, starts it and waits until it streams (RUNNING in phase CDC). DMS takes its own
 * consistent dump in its FULL_DUMP phase and starts CDC at that dump's position, so the position
 * passed to {@code start} is not used: no separate export is needed.
 *
 * <p>Lag: the v1 API reports a job's state, phase, error, {@code duration} and {@code end_time}, but
 * no replication delay (the console's delay is the Cloud Monitoring metric
 * {@code datamigration.googleapis.com/migration_job/max_replica_sec_lag}). {@link #lag()} therefore
 * takes the job's state from the API (FAILED becomes the lag's error, with the service's message;
 * anything but RUNNING in CDC is "not applying") and the seconds and transactions behind from the
 * destination itself over JDBC ({@code SHOW REPLICA STATUS} and the GTID positions), which is where
 * DMS's replication runs.
 *
 * <p>{@link #verify()}: DMS has no VDiff; see {@link DmsVerifier} for the rounds it compares in.
 * {@link #switchOver()}: see {@link DmsSwitchover}; the freeze includes the promotion, which on the
 * real service takes minutes rather than seconds.
 *
 * <p>Rollback: DMS has no reverse replication. With {@link Builder#reverseReplication} the link
 * starts cutkit's native replication from the promoted destination back into the old source right
 * after the switch (at the destination's position before its first write), and {@link #rollBack()}
 * moves the writes back through it with {@link NativeReplicationLink#switchOver()}. Without it,
 * {@code rollBack()} refuses and says what to do.
 *
 * <p>Passwords reach the service only inside CreateConnectionProfile; they are in no message or
 * {@link #toString()}. Not thread-safe: one controller drives a link.
 */
public final class DmsReplicationLink implements ReplicationLink {

    /** What the switch works with; for {@link DmsSwitchover}. */
    record Parts(DataMigrationServiceClient client, DmsCalls calls, ManagedReplica pair, String sourceName,
                 String destinationName, String applicationUser, Duration maxBehind, long maxTransactionsBehind,
                 Duration freezeBudget, Duration drainGrace) {
    }

    private final Builder b;
    private final Parts parts;
    private final String jobName;
    private NativeReplicationLink reverse;
    private boolean switched;

    private DmsReplicationLink(Builder b) {
        this.b = b;
        DmsCalls calls = new DmsCalls(b.client, BoundedPoll.of(b.backoff, b.callDeadline),
                BoundedPoll.of(b.backoff, b.operationDeadline));
        this.parts = new Parts(b.client, calls, new ManagedReplica(b.sourceAdmin, b.sourceEndpoint, b.destinationAdmin,
                b.destinationEndpoint), "source (" + b.sourceEndpoint + ")", "destination (" + b.destinationEndpoint + ")",
                b.applicationUser, b.maxBehind, b.maxTransactionsBehind, b.freezeBudget, b.drainGrace);
        this.jobName = b.parent + "/migrationJobs/" + b.jobId;
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** The migration job's resource name. */
    public String jobName() {
        return jobName;
    }

    /**
     * Creates both connection profiles and the CONTINUOUS job, starts it and waits until it streams.
     * {@code snapshotPosition} is not used: DMS dumps the source itself.
     *
     * @throws ReplicationException with the service's message when a call, an operation or the job fails
     */
    @Override
    public void start(ReplicationPosition snapshotPosition) {
        String source = b.parent + "/connectionProfiles/" + b.sourceProfileId;
        String destination = b.parent + "/connectionProfiles/" + b.destinationProfileId;
        createProfile(b.sourceProfileId, ConnectionProfile.newBuilder().setMysql(b.sourceProfile.toBuilder()
                .setPassword(b.sourcePassword.withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8)))).build());
        createProfile(b.destinationProfileId, b.destinationProfile);
        MigrationJob.Builder job = b.jobTemplate.toBuilder().setType(MigrationJob.Type.CONTINUOUS)
                .setSource(source).setDestination(destination);
        if (!job.hasSourceDatabase()) {
            job.setSourceDatabase(DatabaseType.newBuilder().setEngine(DatabaseEngine.MYSQL));
        }
        if (!job.hasDestinationDatabase()) {
            job.setDestinationDatabase(DatabaseType.newBuilder().setEngine(DatabaseEngine.MYSQL)
                    .setProvider(DatabaseProvider.CLOUDSQL));
        }
        parts.calls().jobOperation("CreateMigrationJob " + jobName, () -> b.client.createMigrationJobCallable()
                .call(CreateMigrationJobRequest.newBuilder().setParent(b.parent).setMigrationJobId(b.jobId)
                        .setMigrationJob(job).build()));
        parts.calls().jobOperation("StartMigrationJob " + jobName, () -> b.client.startMigrationJobCallable()
                .call(StartMigrationJobRequest.newBuilder().setName(jobName).build()));
        BoundedPoll.of(b.backoff, b.fullDumpDeadline).await("migration job " + jobName + " to reach phase CDC", () -> {
            MigrationJob seen = parts.calls().job(jobName);
            Optional<String> failure = JobStatus.failure(seen);
            if (failure.isPresent()) {
                throw new ReplicationException("The " + failure.get() + "; fix the cause and start a new job");
            }
            return JobStatus.streaming(seen) ? BoundedPoll.done(seen) : BoundedPoll.pending(JobStatus.describe(seen));
        });
    }

    private void createProfile(String id, ConnectionProfile profile) {
        parts.calls().await("CreateConnectionProfile " + id, parts.calls().call("CreateConnectionProfile " + id,
                () -> b.client.createConnectionProfileCallable().call(CreateConnectionProfileRequest.newBuilder()
                        .setParent(b.parent).setConnectionProfileId(id).setConnectionProfile(profile).build())));
    }

    @Override
    public ReplicationLag lag() {
        if (switched) {
            return reverse().lag();
        }
        MigrationJob job = parts.calls().job(jobName);
        Optional<String> failure = JobStatus.failure(job);
        if (failure.isPresent()) {
            return new ReplicationLag(Optional.empty(), 0, failure);
        }
        if (!JobStatus.streaming(job)) {
            return new ReplicationLag(Optional.empty(), 0, Optional.empty());
        }
        return parts.pair().lag();
    }

    @Override
    public LiveVerification verify() {
        if (switched) {
            return reverse().verify();
        }
        return new DmsVerifier(parts.pair(), b.sourceAdmin, b.destinationAdmin, b.databases, b.verifyRounds,
                b.differingKeysLimit, b.maxBehind.plus(b.freezeBudget)).verify();
    }

    @Override
    public SwitchReport switchOver() {
        if (switched) {
            throw new IllegalStateException("The destination is the primary already; rollBack() moves the writes back");
        }
        SwitchReport report = new DmsSwitchover(parts, jobName).run();
        switched = true;
        if (b.reverseUser != null) {
            try {
                reverse = NativeReplicationLink.builder()
                        .source(b.destinationAdmin, b.destinationEndpoint)
                        .target(b.sourceAdmin, b.sourceEndpoint)
                        .replicationAccount(b.reverseUser, b.reversePassword)
                        .applicationAccount(b.applicationUser)
                        .databases(b.databases)
                        .maxLag(b.maxBehind, b.maxTransactionsBehind)
                        .freezeBudget(b.freezeBudget)
                        .drainGrace(b.drainGrace)
                        .build();
                reverse.start(report.newPrimaryStart());
            } catch (ReplicationException e) {
                reverse = null;
                throw new ReplicationException("The destination took the writes (freeze " + report.freeze().toMillis()
                        + " ms), but reverse replication into the old source did not start: " + e.getMessage()
                        + "; no rollback is possible until it runs", e);
            }
        }
        return report;
    }

    /**
     * Moves the writes back to the old source through the reverse replication started at the switch.
     * On Cloud SQL its last stage (the destination replicating from the old source) cannot run; the
     * exception then says the writes are back and that a new migration job is the way forward.
     *
     * @throws ReplicationException when the link was built without {@link Builder#reverseReplication}
     */
    @Override
    public SwitchReport rollBack() {
        if (!switched) {
            throw new IllegalStateException("Nothing to roll back: the source is the primary");
        }
        SwitchReport report;
        try {
            report = reverse().switchOver();
        } catch (SwitchAbortedException e) {
            throw e;
        } catch (ReplicationException e) {
            if (!parts.pair().replicaReadOnly()) {
                throw e;
            }
            // past the point of no return: the old source took the writes back, only the stream into
            // the destination did not start (Cloud SQL takes no CHANGE MASTER from its users)
            switched = false;
            reverse = null;
            throw new ReplicationException("The writes are back on the old source, but the destination does not"
                    + " replicate from it: " + e.getMessage() + "; to try the cutover again, start a new migration job",
                    e);
        }
        switched = false;
        return report;
    }

    private NativeReplicationLink reverse() {
        if (reverse == null) {
            throw new ReplicationException("Database Migration Service has no reverse replication, and this link was"
                    + " built without reverseReplication(...), so the old source has not received the writes the"
                    + " promoted destination took. To go back: freeze the destination, run a new DMS job (or cutkit's"
                    + " offline move) from it into the old source, then switch; next time build the link with"
                    + " reverseReplication(user, password) so a rollback loses nothing");
        }
        return reverse;
    }

    @Override
    public String toString() {
        return "DmsReplicationLink[" + jobName + ", " + parts.sourceName() + " -> " + parts.destinationName()
                + ", primary " + (switched ? "destination" : "source") + "]";
    }

    /**
     * Configures a link. Defaults: lag limits 5 s and 1,000 transactions, freeze budget 5 s, drain
     * grace 1 s, {@link Backoff#standard()}, calls retried for at most 30 s, operations awaited for at
     * most 10 min, the full dump for at most 24 h, 3 verification rounds.
     */
    public static final class Builder {
        private DataMigrationServiceClient client;
        private String parent;
        private String jobId;
        private MigrationJob jobTemplate = MigrationJob.getDefaultInstance();
        private String sourceProfileId;
        private MySqlConnectionProfile sourceProfile;
        private Secret sourcePassword;
        private String destinationProfileId;
        private ConnectionProfile destinationProfile;
        private DataSource sourceAdmin;
        private ReplicationEndpoint sourceEndpoint;
        private DataSource destinationAdmin;
        private ReplicationEndpoint destinationEndpoint;
        private String applicationUser;
        private List<String> databases;
        private String reverseUser;
        private Secret reversePassword;
        private Duration maxBehind = Duration.ofSeconds(5);
        private long maxTransactionsBehind = 1_000;
        private Duration freezeBudget = Duration.ofSeconds(5);
        private Duration drainGrace = Duration.ofSeconds(1);
        private Backoff backoff = Backoff.standard();
        private Duration callDeadline = Duration.ofSeconds(30);
        private Duration operationDeadline = Duration.ofMinutes(10);
        private Duration fullDumpDeadline = Duration.ofHours(24);
        private int verifyRounds = 3;
        private int differingKeysLimit = 100;

        private Builder() {
        }

        /** The client, and the job's location {@code projects/<project>/locations/<region>}. */
        public Builder service(DataMigrationServiceClient client, String parent) {
            this.client = Objects.requireNonNull(client, "client");
            if (parent == null || !parent.matches("projects/[a-z0-9-]+/locations/[a-z0-9-]+")) {
                throw new IllegalArgumentException("Not a location: '" + parent + "'; expected projects/<id>/locations/<region>");
            }
            this.parent = parent;
            return this;
        }

        /**
         * The job's id, and a template for its other fields (connectivity, dump flags, display name);
         * type, source and destination are set by the link.
         */
        public Builder job(String id, MigrationJob template) {
            this.jobId = requireId(id);
            this.jobTemplate = Objects.requireNonNull(template, "template");
            return this;
        }

        /** The source's connection profile (host, port, the account DMS reads with, TLS) and that account's password. */
        public Builder sourceProfile(String id, MySqlConnectionProfile profile, Secret password) {
            this.sourceProfileId = requireId(id);
            if (!profile.getPassword().isEmpty()) {
                throw new IllegalArgumentException("Give the source's password as the Secret, not inside the profile");
            }
            this.sourceProfile = profile;
            this.sourcePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The destination's connection profile: a {@code cloudsql} profile, or one naming an existing instance. */
        public Builder destinationProfile(String id, ConnectionProfile profile) {
            this.destinationProfileId = requireId(id);
            this.destinationProfile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** An administrator's connections to the source, and where it is. */
        public Builder source(DataSource admin, ReplicationEndpoint endpoint) {
            this.sourceAdmin = Objects.requireNonNull(admin, "admin");
            this.sourceEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Connections to the destination that may read its replication status, and where it is. */
        public Builder destination(DataSource admin, ReplicationEndpoint endpoint) {
            this.destinationAdmin = Objects.requireNonNull(admin, "admin");
            this.destinationEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The account the application writes with; its connections to the source end at the switch. */
        public Builder applicationAccount(String user) {
            this.applicationUser = requireAccount(user);
            return this;
        }

        /** The databases verified and, for a rollback, compared. */
        public Builder databases(List<String> databases) {
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("Name at least one database");
            }
            this.databases = List.copyOf(databases);
            return this;
        }

        /**
         * After the switch, the old source replicates from the promoted destination with this account
         * (on both, with {@code REPLICATION SLAVE}), so {@link #rollBack()} loses nothing.
         */
        public Builder reverseReplication(String user, Secret password) {
            this.reverseUser = requireAccount(user);
            this.reversePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** A switch is refused while the destination is further behind than either limit. */
        public Builder maxLag(Duration behind, long transactions) {
            this.maxBehind = Objects.requireNonNull(behind, "behind");
            this.maxTransactionsBehind = transactions;
            return this;
        }

        /** The longest the destination may take to catch up once the source is frozen. */
        public Builder freezeBudget(Duration budget) {
            this.freezeBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** How long transactions in flight may take to finish before their connections are ended. */
        public Builder drainGrace(Duration grace) {
            this.drainGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Backoff between retries and polls; how long a call is retried on 429/503, how long an
         * operation (create, start, promote) and the full dump may take.
         */
        public Builder waits(Backoff backoff, Duration callDeadline, Duration operationDeadline, Duration fullDumpDeadline) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            this.callDeadline = Objects.requireNonNull(callDeadline, "callDeadline");
            this.operationDeadline = Objects.requireNonNull(operationDeadline, "operationDeadline");
            this.fullDumpDeadline = Objects.requireNonNull(fullDumpDeadline, "fullDumpDeadline");
            return this;
        }

        /** How many comparison rounds a difference must survive to be reported (at least 2). */
        public Builder verifyRounds(int rounds) {
            if (rounds < 2) {
                throw new IllegalArgumentException("verifyRounds must be at least 2, was " + rounds);
            }
            this.verifyRounds = rounds;
            return this;
        }

        /** How many differing keys verification lists per table (all are counted); default 100. */
        public Builder differingKeysLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("differingKeysLimit must be at least 1, got " + limit);
            }
            this.differingKeysLimit = limit;
            return this;
        }

        public DmsReplicationLink build() {
            if (client == null || jobId == null || sourceProfile == null || destinationProfile == null
                    || sourceAdmin == null || destinationAdmin == null || applicationUser == null || databases == null) {
                throw new IllegalStateException("A DMS link needs service, job, sourceProfile, destinationProfile, source,"
                        + " destination, applicationAccount and databases");
            }
            return new DmsReplicationLink(this);
        }

        private static String requireId(String id) {
            if (id == null || !id.matches("[a-z]([a-z0-9-]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("Not a DMS resource id (lower-case letters, digits, hyphens): '"
                        + id + "'");
            }
            return id;
        }

        private static String requireAccount(String user) {
            if (user == null || !user.matches("[A-Za-z0-9_.$-]{1,80}")) {
                throw new IllegalArgumentException("Not an account name: '" + user + "'");
            }
            return user;
        }
    }
}
