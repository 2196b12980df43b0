package io.cutkit.examples;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.examples.crm.CrmApi;
import io.cutkit.examples.crm.CrmModels;
import io.cutkit.examples.crm.ForkMigrations;
import io.cutkit.gcp.run.CloudRunEnvSecretSource;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.preflight.DryRunPlan;
import java.util.List;
import java.util.Objects;

/**
 * The cutover's own dry-run plan, for step 1: the same source, target, import policy, collation,
 * migrations, schema, key, secrets and numbers the later steps will use, so that every blocker that
 * shows in data is found before anything changes. Holds the source key's ring (for the Java
 * migrations' codec) until closed.
 */
final class PreflightPlan implements AutoCloseable {

    private final DryRunPlan plan;
    private final KeyRing ring;

    private PreflightPlan(DryRunPlan plan, KeyRing ring) {
        this.plan = plan;
        this.ring = ring;
    }

    /**
     * The plan of the cutover on {@code stage} with {@code blocker}'s code-side part, whose step 3 will
     * create the destination database with {@code plannedCollation}.
     */
    static PreflightPlan of(Stage stage, Blocker blocker, String plannedCollation) {
        Objects.requireNonNull(blocker, "blocker");
        DryRunPlan.Builder b = DryRunPlan.builder()
                .source(stage.sourceServer(), stage.sourceDatabase())
                .exporter(stage.exporter())
                .database(stage.destinationDatabase())
                .target(stage.destinationServer())
                .targetCollation(plannedCollation)
                .foreignDatabases(blocker == Blocker.USE_MISMATCH
                        ? ForeignDatabasePolicy.REFUSE : ForeignDatabasePolicy.REWRITE_TO_TARGET)
                .expectedSchema(CrmModels.expected(blocker == Blocker.NARROWING_SYNC))
                .placeholderPolicy(stage.secretPolicy())
                .numbers(stage.repointer(), NumberSelection.of(stage.phoneNumbers()), newRoutes(stage.webhookBaseUrl()))
                .window(CutoverRunbook.WINDOW);
        b.key(sourceEnv(stage, CrmApi.KEY_VARIABLE), List.of(ColumnRef.of("leads", "email", "id"),
                ColumnRef.of("leads", "name", "id"), ColumnRef.of("leads", "phone", "id")),
                List.of(ColumnRef.of("leads", "company", "id")));
        b.secret(CrmApi.KEY_VARIABLE, sourceEnv(stage, CrmApi.KEY_VARIABLE));
        CrmApi.CREDENTIALS.forEach(name -> b.secret(name, sourceEnv(stage, name)));
        KeyRing ring = sourceKeyRing(stage);
        if (ring != null) {
            EnvelopeCodec codec = EnvelopeCodec.of(ring);
            b.migrations(blocker == Blocker.MIGRATION_COLLISION ? ForkMigrations.asForked(codec)
                    : ForkMigrations.renumbered(codec), MigrationHistory.sequelizeMeta());
        }
        return new PreflightPlan(b.build(), ring);
    }

    DryRunPlan plan() {
        return plan;
    }

    /** The routes step 11 sets: the new stack's webhooks. */
    static RouteChange newRoutes(String base) {
        return RouteChange.builder().voiceUrl(base + "/api/twilio/voice").smsUrl(base + "/api/twilio/sms")
                .statusCallback(base + "/api/twilio/status").build();
    }

    private static CloudRunEnvSecretSource sourceEnv(Stage stage, String name) {
        return CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), name);
    }

    /** The key the source service runs with, or null when it is no key at all (a placeholder: the dry-run says so). */
    private static KeyRing sourceKeyRing(Stage stage) {
        try {
            return KeyRing.of(EncryptionKey.fromBase64(sourceEnv(stage, CrmApi.KEY_VARIABLE)));
        } catch (RuntimeException notAKey) {
            return null;
        }
    }

    @Override
    public void close() {
        if (ring != null) {
            ring.close();
        }
    }
}
