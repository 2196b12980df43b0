package io.cutkit.gcp.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.javanet.GoogleNetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.SQLAdminScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.cutkit.core.data.Snapshot;
import io.cutkit.gcp.sql.CloudSqlExporter;
import io.cutkit.gcp.sql.CloudSqlInstance;
import io.cutkit.gcp.sql.DumpLanding;
import io.cutkit.gcp.sql.DumpInspectorLandingCheck;
import io.cutkit.gcp.storage.GcsObjectReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exports a real Cloud SQL database (CUTKIT_GCP_SQL_INSTANCE, CUTKIT_GCP_SQL_DATABASE) with offload
 * into CUTKIT_GCP_BUCKET, then inspects the object: the dump names the exported database. The
 * object is deleted at the end. Nothing is imported (that would change a real database).
 */
@Timeout(3600)
class CloudSqlLiveIT {

    @Test
    void exportsWithOffloadAndTheDumpSelectsItsOwnDatabase() throws Exception {
        String project = LiveGcp.project();
        CloudSqlInstance instance = CloudSqlInstance.of(project, LiveGcp.require("CUTKIT_GCP_SQL_INSTANCE"));
        String database = LiveGcp.require("CUTKIT_GCP_SQL_DATABASE");
        String bucket = LiveGcp.require("CUTKIT_GCP_BUCKET");
        GoogleCredentials credentials = GoogleCredentials.getApplicationDefault().createScoped(SQLAdminScopes.all());
        SQLAdmin admin = new SQLAdmin.Builder(GoogleNetHttpTransport.newTrustedTransport(),
                GsonFactory.getDefaultInstance(), new HttpCredentialsAdapter(credentials))
                .setApplicationName("cutkit-live-test").build();
        Storage storage = StorageOptions.newBuilder().setProjectId(project).build().getService();
        URI uri = URI.create("gs://" + bucket + "/cutkit-live-" + UUID.randomUUID() + ".sql.gz");
        try {
            Snapshot snapshot = CloudSqlExporter.builder(admin, instance).storage(storage)
                    .deadline(Duration.ofMinutes(55)).build().export(List.of(database), uri);

            GcsObjectReader.Read<DumpLanding> read = GcsObjectReader.of(storage)
                    .read(uri, in -> DumpInspectorLandingCheck.create().inspect(in, uri.toString()));

            assertThat(snapshot.sizeBytes()).isPositive();
            assertThat(read.crc32cVerified()).isTrue();
            assertThat(read.result().databases()).contains(database);
        } finally {
            storage.delete(GcsObjectReader.blobId(uri));
        }
    }
}
