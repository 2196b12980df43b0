package io.cutkit.examples;

import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.service.ServiceRestarter;
import io.cutkit.mysql.dump.ServerAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/**
 * Everything the cutover touches: the contractor's (source) stack and the new (destination) stack.
 * The twelve steps are written against this interface only, so the same code runs on the local
 * stand-ins ({@link io.cutkit.examples.local.LocalStage}) and on real Google Cloud and Twilio
 * ({@link io.cutkit.examples.cloud.CloudStage}). Closing a stage releases its clients and, for a
 * local stage, stops what it started.
 */
public interface Stage extends AutoCloseable {

    /** Takes the consistent snapshot of the source database. */
    SnapshotExporter exporter();

    /** Administrative connections to the source server (no default database). */
    DataSource sourceAdmin();

    /** Connections to the source database. */
    DataSource sourceData();

    /** The source database's name (the contractor's: it is the name a dump's {@code USE} names). */
    String sourceDatabase();

    /** A local scratch server for the pre-flight's dry-run copy; empty when the dry-run should start its own. */
    default java.util.Optional<io.cutkit.mysql.testing.DatabaseServer> scratchServer() {
        return java.util.Optional.empty();
    }

    /**
     * A link from the source to the destination database, configured but not started, for the online
     * data move; empty when this stage moves data offline only.
     */
    default java.util.Optional<io.cutkit.mysql.replication.NativeReplicationLink.Builder> replication() {
        return java.util.Optional.empty();
    }

    /** The source MySQL server, for the pre-flight's read-only export. */
    ServerAddress sourceServer();

    /** The destination MySQL server, for the importer. */
    ServerAddress destinationServer();

    /** Administrative connections to the destination server (no default database). */
    DataSource destinationAdmin();

    /** Connections to the destination database (valid once it exists). */
    DataSource destinationData();

    /** The destination database's name. */
    String destinationDatabase();

    /** Cloud Run's Services API, where both services live. */
    ServicesClient cloudRun();

    /** The contractor's service, whose environment holds the key and the nine credentials. */
    ServiceName sourceService();

    /** The new stack's API service. */
    ServiceName destinationService();

    /** The destination Secret Manager. */
    SecretManagerServiceClient secretManager();

    /** The destination project (secrets are {@code projects/<project>/secrets/<name>}). */
    String project();

    /** What a value to pipe must not be (empty, stand-in words, the destination's template default). */
    PlaceholderPolicy secretPolicy();

    /** Restarts the destination service so it re-reads its secrets. */
    ServiceRestarter restarter();

    /** Repoints the phone numbers. */
    NumberRepointer repointer();

    /** The numbers to repoint (E.164 or PN SIDs). */
    List<String> phoneNumbers();

    /** The new stack's public base URL, which the numbers' webhooks will call. */
    String webhookBaseUrl();

    /** Where the new API answers, for the smoke tests. */
    URI apiUri();

    /** The admin user that must be able to log in after the move. */
    String adminEmail();

    /** The admin's password, for the login check. */
    Secret adminPassword();

    /** The application's database account on the destination. */
    String appDatabaseUser();

    /** Its password. */
    Secret appDatabasePassword();

    /** Where snapshots, the journal and the report go. */
    Path workDirectory();

    @Override
    void close();
}
