package io.cutkit.mysql.replication;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationLink;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.secret.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ReplicationLink} over MySQL's or MariaDB's own replication, driven over JDBC: the target,
 * loaded from a snapshot, replicates from the snapshot's position; {@link #verify()} compares both at
 * one position while writes go on; {@link #switchOver()} moves the writes with a measured freeze and
 * starts reverse replication; {@link #rollBack()} moves them back the same way. Both servers need the
 * binary log in ROW format with full row images, replicated changes logged, distinct server ids and a
 * replication account with {@code REPLICATION SLAVE} (checked by {@link #start}). The application must
 * write through an account without the privilege to write through {@code read_only} (no
 * {@code SUPER}, {@code READ_ONLY ADMIN} or {@code CONNECTION_ADMIN}).
 *
 * <pre>{@code
 * NativeReplicationLink link = NativeReplicationLink.builder()
 *         .source(sourceAdmin, new ReplicationEndpoint("old-db", 3306, true))
 *         .target(targetAdmin, new ReplicationEndpoint("new-db", 3306, true))
 *         .replicationAccount("repl", replicationPassword)
 *         .applicationAccount("crm_app")
 *         .databases(List.of("crm"))
 *         .build();
 * link.start(snapshot.position().orElseThrow());
 * LiveVerification check = link.verify();
 * SwitchReport report = link.switchOver();   // report.freeze()
 * }</pre>
 *
 * <p>The replication password reaches the servers only inside {@code CHANGE MASTER TO} /
 * {@code CHANGE REPLICATION SOURCE TO}; it is in no message, exception or {@link #toString()}.
 * Not thread-safe: one controller drives a link.
 */
public final class NativeReplicationLink implements ReplicationLink {

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(10);

    private final Side source;
    private final Side target;
    private final LinkSettings settings;
    private ReplicationDialect dialect;
    private boolean switched;

    private NativeReplicationLink(Builder b) {
        this.source = new Side("source", b.sourceAdmin, b.sourceEndpoint);
        this.target = new Side("target", b.targetAdmin, b.targetEndpoint);
        this.settings = new LinkSettings(b.replicationUser, b.replicationPassword, b.applicationUser, b.databases,
                b.maxBehind, b.maxTransactionsBehind, b.freezeBudget, b.drainGrace, b.verifyConnections, b.differingKeysLimit,
                new Retrying(b.retryAttempts, b.retryFirstWait), Optional.ofNullable(b.journal));
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void start(ReplicationPosition snapshotPosition) {
        Objects.requireNonNull(snapshotPosition, "snapshotPosition");
        ReplicationDialect d = dialect();
        if (d.flavour() != snapshotPosition.flavour()) {
            throw new ReplicationException("The snapshot position is " + snapshotPosition.describe() + ", but the source is "
                    + d.flavour() + "; export the snapshot from this source");
        }
        ReplicationRequirements.check(d, source, target, settings.replicationUser());
        try (Connection c = target.admin().getConnection()) {
            PrimaryWrites.stop(c, settings.drainGrace());
            d.replicateFrom(c, source.endpoint(), settings.replicationUser(), settings.replicationPassword(),
                    snapshotPosition);
            awaitConnected(d, c);
        } catch (SQLException e) {
            throw new ReplicationException("Replication into " + target + " from " + snapshotPosition.describe()
                    + " could not start: error " + e.getErrorCode() + ": " + e.getMessage());
        }
    }

    private void awaitConnected(ReplicationDialect d, Connection c) throws SQLException {
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (true) {
            ReplicaStatus status = d.status(c);
            if (status.error().isPresent()) {
                d.stopReplica(c);
                throw new ReplicationException("Replication into " + target + " from " + source + " stopped at once with "
                        + status.error().get() + "; it is stopped, fix the cause and start again");
            }
            if (status.receiving() && status.applying()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ReplicationException("Replication into " + target + " did not connect to " + source + " within "
                        + CONNECT_WAIT.toSeconds() + " s: " + status);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplicationException("Interrupted while replication into " + target + " connected");
            }
        }
    }

    /** {@inheritDoc} Transient errors (connection lost, server restarting) are retried with backoff. */
    @Override
    public ReplicationLag lag() {
        return settings.retrying().get("replication lag",
                () -> switched ? Lag.of(dialect(), target, source) : Lag.of(dialect(), source, target));
    }

    /** {@inheritDoc} Transient errors (connection lost, server restarting) are retried with backoff. */
    @Override
    public LiveVerification verify() {
        return settings.retrying().get("live verification", () -> switched
                ? LiveVerifier.verify(dialect(), target, source, settings)
                : LiveVerifier.verify(dialect(), source, target, settings));
    }

    @Override
    public SwitchReport switchOver() {
        if (switched) {
            throw new IllegalStateException("The target is the primary already; rollBack() moves the writes back");
        }
        SwitchReport report = new Switchover(dialect(), source, target, settings).run();
        switched = true;
        return report;
    }

    @Override
    public SwitchReport rollBack() {
        if (!switched) {
            throw new IllegalStateException("Nothing to roll back: the source is the primary");
        }
        SwitchReport report = new Switchover(dialect(), target, source, settings).run();
        switched = false;
        return report;
    }

    /**
     * Brings a switch that died with the process that ran it ({@link #switchOver()} or
     * {@link #rollBack()}) to one end, from the {@linkplain Builder#journal(Path) journal}: one that
     * died before the point of no return (the new primary opening for writes) is undone, the old
     * primary taking writes again and the other side replicating from it; one that died at or after it
     * is completed, the new primary taking writes and the old one replicating from it. Either way
     * exactly one side is writable and no acknowledged write is lost. A controller that restarts calls
     * this first: it also tells the link which side is the primary. Safe to repeat.
     *
     * @throws IllegalStateException when the link has no journal
     * @throws ReplicationException when a server cannot be reached or changed; run it again
     */
    public SwitchRecovery recover() {
        Path journal = settings.journal().orElseThrow(() -> new IllegalStateException(
                "recover() reads the switch journal: configure one with journal(Path)"));
        SwitchRecovery recovery = new JournalRecovery(dialect(), source, target, settings).recover(journal);
        switched = recovery.primary().equals(target.name());
        return recovery;
    }

    private ReplicationDialect dialect() {
        if (dialect == null) {
            try (Connection c = source.admin().getConnection()) {
                dialect = ReplicationDialect.of(c);
            } catch (SQLException e) {
                throw new ReplicationException("Cannot reach the " + source + ": " + e.getMessage(), e);
            }
        }
        return dialect;
    }

    @Override
    public String toString() {
        return "NativeReplicationLink[" + source + " -> " + target + ", replication account " + settings.replicationUser()
                + ", primary " + (switched ? "target" : "source") + "]";
    }

    /**
     * Configures a link. Defaults: lag limits 5 s and 1,000 transactions, freeze budget 5 s, drain
     * grace 1 s, 2 verification connections per side, 100 differing keys listed per table, reads
     * tried 6 times with waits from 200 ms doubling.
     */
    public static final class Builder {
        private DataSource sourceAdmin;
        private ReplicationEndpoint sourceEndpoint;
        private DataSource targetAdmin;
        private ReplicationEndpoint targetEndpoint;
        private String replicationUser;
        private Secret replicationPassword;
        private String applicationUser;
        private List<String> databases;
        private Duration maxBehind = Duration.ofSeconds(5);
        private long maxTransactionsBehind = 1_000;
        private Duration freezeBudget = Duration.ofSeconds(5);
        private Duration drainGrace = Duration.ofSeconds(1);
        private int verifyConnections = 2;
        private int differingKeysLimit = 100;
        private int retryAttempts = 6;
        private Duration retryFirstWait = Duration.ofMillis(200);
        private Path journal;

        private Builder() {
        }

        /** The current primary: an administrator's connections, and how the target reaches it. */
        public Builder source(DataSource admin, ReplicationEndpoint endpoint) {
            this.sourceAdmin = Objects.requireNonNull(admin, "admin");
            this.sourceEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The copy loaded from the snapshot: an administrator's connections, and how the source reaches it. */
        public Builder target(DataSource admin, ReplicationEndpoint endpoint) {
            this.targetAdmin = Objects.requireNonNull(admin, "admin");
            this.targetEndpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The account each server replicates with, existing on both with {@code REPLICATION SLAVE}. */
        public Builder replicationAccount(String user, Secret password) {
            this.replicationUser = requireAccount(user);
            this.replicationPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The account the application writes with; its connections to the old primary end at a switch. */
        public Builder applicationAccount(String user) {
            this.applicationUser = requireAccount(user);
            return this;
        }

        /** The databases whose row counts are compared at a switch and whose tables are verified. */
        public Builder databases(List<String> databases) {
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("Name at least one database");
            }
            this.databases = List.copyOf(databases);
            return this;
        }

        /** A switch is refused while the replica is further behind than either limit. */
        public Builder maxLag(Duration behind, long transactions) {
            this.maxBehind = Objects.requireNonNull(behind, "behind");
            this.maxTransactionsBehind = transactions;
            return this;
        }

        /** The longest writes may stay frozen; when it runs out the switch is undone. */
        public Builder freezeBudget(Duration budget) {
            this.freezeBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** How long transactions in flight may take to finish before their connections are ended. */
        public Builder drainGrace(Duration grace) {
            this.drainGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** Connections per side that live verification reads with. */
        public Builder verifyConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("verifyConnections must be at least 1");
            }
            this.verifyConnections = connections;
            return this;
        }

        /**
         * How many differing keys {@link NativeReplicationLink#verify()} lists per table (default 100); it counts them all
         * and says when the list was cut.
         */
        public Builder differingKeysLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("differingKeysLimit must be at least 1, got " + limit);
            }
            this.differingKeysLimit = limit;
            return this;
        }

        /**
         * How often a read that failed transiently (connection lost or refused, server restarting,
         * lock wait timeout, deadlock) is tried in all, and the first wait between attempts, doubling
         * up to 5 s. Lag, status, verification and the catch-up wait are retried; the switch's writes
         * never are. {@code attempts} 1 turns retrying off.
         */
        public Builder retry(int attempts, Duration firstWait) {
            if (attempts < 1) {
                throw new IllegalArgumentException("retry attempts must be at least 1, got " + attempts);
            }
            this.retryAttempts = attempts;
            this.retryFirstWait = Objects.requireNonNull(firstWait, "firstWait");
            return this;
        }

        /**
         * A file in which every switch records each stage as it completes and the next as it starts,
         * one JSON line each, written before the stage runs and forced to disk at the latest before
         * the new primary opens (one forced write inside the freeze), so that
         * {@link NativeReplicationLink#recover()} can finish a switch whose process died. Holds no
         * secret. Default: none.
         */
        public Builder journal(Path file) {
            this.journal = Objects.requireNonNull(file, "file");
            return this;
        }

        public NativeReplicationLink build() {
            if (sourceAdmin == null || targetAdmin == null || replicationUser == null || applicationUser == null
                    || databases == null) {
                throw new IllegalStateException("A link needs source, target, replicationAccount, applicationAccount"
                        + " and databases");
            }
            return new NativeReplicationLink(this);
        }

        private static String requireAccount(String user) {
            if (user == null || !user.matches("[A-Za-z0-9_.$-]{1,80}")) {
                throw new IllegalArgumentException("Not an account name: '" + user + "'");
            }
            return user;
        }
    }
}
