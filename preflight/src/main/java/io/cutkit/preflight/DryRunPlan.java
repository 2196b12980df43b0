package io.cutkit.preflight;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import io.cutkit.mysql.account.AccountName;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MigrationSource;
import io.cutkit.mysql.schema.ExpectedSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a team has before its cutover window, for {@link DryRun}: one data source (a dump file, or a
 * live source server read through one consistent export), and any of the target server or what is
 * known of it, the migrations and their history, the new code's schema, the encryption key and its
 * columns, the secrets on both sides, and the phone numbers to repoint. Immutable; every part but the
 * data source is optional and a check whose inputs are missing is reported as skipped.
 *
 * <pre>{@code
 * DryRunPlan plan = DryRunPlan.builder()
 *         .dump(Path.of("optileads.sql.gz")).database("crm")
 *         .targetFlavor(TargetFlavor.MYSQL_8_4)
 *         .key(EnvFile.read(Path.of("secrets.env")).source("ENCRYPTION_KEY"),
 *              List.of(ColumnRef.of("leads", "email")), List.of(ColumnRef.of("leads", "company")))
 *         .build();
 * }</pre>
 */
public final class DryRunPlan {

    private final Path dump;
    private final ServerAddress source;
    private final String sourceDatabase;
    private final String database;
    private final ServerAddress target;
    private final String targetCollation;
    private final TargetFlavor targetFlavor;
    private final MigrationSource migrations;
    private final MigrationHistory history;
    private final MigrationSource referenceMigrations;
    private final MigrationSource expectedSchemaMigrations;
    private final ExpectedSchema expectedSchema;
    private final SecretSource key;
    private final List<ColumnRef> encrypted;
    private final List<ColumnRef> plaintext;
    private final Map<String, SecretSource> secrets;
    private final Map<String, SecretSource> destinationSecrets;
    private final NumberRepointer numbers;
    private final NumberSelection numberSelection;
    private final RouteChange numberChange;
    private final OverrideHandling numberOverrideHandling;
    private final Duration window;
    private final ForeignDatabasePolicy foreignDatabases;
    private final PlaceholderPolicy placeholderPolicy;
    private final AccountName applicationAccount;
    private final SnapshotExporter exporter;
    private final boolean online;
    private final List<Waiver> waivers;

    private DryRunPlan(Builder b) {
        this.dump = b.dump;
        this.source = b.source;
        this.sourceDatabase = b.sourceDatabase;
        this.database = b.database;
        this.target = b.target;
        this.targetCollation = b.targetCollation;
        this.targetFlavor = b.targetFlavor;
        this.migrations = b.migrations;
        this.history = b.history;
        this.referenceMigrations = b.referenceMigrations;
        this.expectedSchemaMigrations = b.expectedSchemaMigrations;
        this.expectedSchema = b.expectedSchema;
        this.key = b.key;
        this.encrypted = List.copyOf(b.encrypted);
        this.plaintext = List.copyOf(b.plaintext);
        this.secrets = Map.copyOf(b.secrets);
        this.destinationSecrets = Map.copyOf(b.destinationSecrets);
        this.numbers = b.numbers;
        this.numberSelection = b.numberSelection;
        this.numberChange = b.numberChange;
        this.numberOverrideHandling = b.numberOverrideHandling;
        this.window = b.window;
        this.foreignDatabases = b.foreignDatabases;
        this.placeholderPolicy = b.placeholderPolicy;
        this.applicationAccount = b.applicationAccount;
        this.exporter = b.exporter;
        this.online = b.online;
        this.waivers = List.copyOf(b.waivers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The dump file to rehearse, when the data comes from a file. */
    public Optional<Path> dump() {
        return Optional.ofNullable(dump);
    }

    /** The live source server (only read), when the data comes from one. */
    public Optional<ServerAddress> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The exporter the window will use on {@link #source()}, when it is not cutkit's own consistent
     * export (for example a Cloud SQL export, whose dump selects its own database).
     */
    public Optional<SnapshotExporter> exporter() {
        return Optional.ofNullable(exporter);
    }

    /** The database to export from {@link #source()}. */
    public Optional<String> sourceDatabase() {
        return Optional.ofNullable(sourceDatabase);
    }

    /** The database name on the new stack; empty means the dump's own. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The real target server, only read. */
    public Optional<ServerAddress> target() {
        return Optional.ofNullable(target);
    }

    /** The collation the target database will be created with, when known without reaching the target. */
    public Optional<String> targetCollation() {
        return Optional.ofNullable(targetCollation);
    }

    /** The target's flavour, when the target cannot be reached. */
    public Optional<TargetFlavor> targetFlavor() {
        return Optional.ofNullable(targetFlavor);
    }

    /** The migrations the new code will run after the import. */
    public Optional<MigrationSource> migrations() {
        return Optional.ofNullable(migrations);
    }

    /** The history table the source database's migrations are recorded in (cutkit's own by default). */
    public MigrationHistory history() {
        return history == null ? MigrationHistory.cutkit() : history;
    }

    /** The migrations the source's history was written by (the contractor's folder), to tell renames from foreign ones. */
    public Optional<MigrationSource> referenceMigrations() {
        return Optional.ofNullable(referenceMigrations);
    }

    /** The new code's migrations, built into a scratch database to learn the schema the code expects. */
    public Optional<MigrationSource> expectedSchemaMigrations() {
        return Optional.ofNullable(expectedSchemaMigrations);
    }

    /** The schema the new code expects, declared in code. */
    public Optional<ExpectedSchema> expectedSchema() {
        return Optional.ofNullable(expectedSchema);
    }

    /** The application's encryption key (base64 text), read only when the check runs. */
    public Optional<SecretSource> key() {
        return Optional.ofNullable(key);
    }

    /** Columns that hold encryption envelopes. */
    public List<ColumnRef> encrypted() {
        return encrypted;
    }

    /** Columns that must hold plaintext (no envelopes). */
    public List<ColumnRef> plaintext() {
        return plaintext;
    }

    /** The source side's secrets by name, each checked for placeholders and fingerprinted. */
    public Map<String, SecretSource> secrets() {
        return secrets;
    }

    /** The destination side's secrets by name, compared with {@link #secrets()} by fingerprint. */
    public Map<String, SecretSource> destinationSecrets() {
        return destinationSecrets;
    }

    /** The repointer for the phone numbers, when numbers move. */
    public Optional<NumberRepointer> numbers() {
        return Optional.ofNullable(numbers);
    }

    /** Which numbers move. */
    public NumberSelection numberSelection() {
        return numberSelection == null ? NumberSelection.all() : numberSelection;
    }

    /** The new routes for the numbers. */
    public Optional<RouteChange> numberChange() {
        return Optional.ofNullable(numberChange);
    }

    /** What the real repoint does with a number whose trunk or application overrides its webhooks (default REFUSE). */
    public OverrideHandling numberOverrideHandling() {
        return numberOverrideHandling;
    }

    /** The cutover window that the data move and migrations must fit in. */
    public Duration window() {
        return window;
    }

    /** How the real import treats a dump that names another database (cutkit's default: rewrite to the target). */
    public ForeignDatabasePolicy foreignDatabases() {
        return foreignDatabases;
    }

    /** What counts as a placeholder secret (the template defaults the new stack was created with). */
    public PlaceholderPolicy placeholderPolicy() {
        return placeholderPolicy;
    }

    /** The account the application (and its migrations) will use on the target. */
    public Optional<AccountName> applicationAccount() {
        return Optional.ofNullable(applicationAccount);
    }

    /** Whether the cutover copies online (binlog replication, live verify): keys, engines and binlog settings then block. */
    public boolean online() {
        return online;
    }

    /** The findings the team accepts, each with its reason and end date. */
    public List<Waiver> waivers() {
        return waivers;
    }

    @Override
    public String toString() {
        return "DryRunPlan[" + (dump != null ? "dump " + dump : "source " + source + " database " + sourceDatabase)
                + (database == null ? "" : " -> " + database) + (target == null ? "" : ", target " + target)
                + (targetFlavor == null ? "" : ", flavour " + targetFlavor.id()) + "]";
    }

    /** Builds a {@link DryRunPlan}; {@link #build()} refuses a plan without exactly one data source. */
    public static final class Builder {
        private Path dump;
        private ServerAddress source;
        private String sourceDatabase;
        private String database;
        private ServerAddress target;
        private String targetCollation;
        private TargetFlavor targetFlavor;
        private MigrationSource migrations;
        private MigrationHistory history;
        private MigrationSource referenceMigrations;
        private MigrationSource expectedSchemaMigrations;
        private ExpectedSchema expectedSchema;
        private SecretSource key;
        private List<ColumnRef> encrypted = List.of();
        private List<ColumnRef> plaintext = List.of();
        private final Map<String, SecretSource> secrets = new LinkedHashMap<>();
        private final Map<String, SecretSource> destinationSecrets = new LinkedHashMap<>();
        private NumberRepointer numbers;
        private NumberSelection numberSelection;
        private RouteChange numberChange;
        private OverrideHandling numberOverrideHandling = OverrideHandling.REFUSE;
        private Duration window = Duration.ofMinutes(30);
        private ForeignDatabasePolicy foreignDatabases = ForeignDatabasePolicy.REWRITE_TO_TARGET;
        private PlaceholderPolicy placeholderPolicy = PlaceholderPolicy.defaults();
        private AccountName applicationAccount;
        private SnapshotExporter exporter;
        private boolean online;
        private final List<Waiver> waivers = new java.util.ArrayList<>();

        private Builder() {
        }

        /** Accepts findings {@code waiver} covers: still reported, marked waived, not failing the run until it expires. */
        public Builder waive(Waiver waiver) {
            waivers.add(Objects.requireNonNull(waiver, "waiver"));
            return this;
        }

        /** An online cutover (copy while the source takes writes, then replicate): default false. */
        public Builder online(boolean online) {
            this.online = online;
            return this;
        }

        /** The account the application and its migrations use on the target, checked there (needs {@link #target}). */
        public Builder applicationAccount(String user, String host) {
            this.applicationAccount = new AccountName(user, host);
            return this;
        }

        /** A mysqldump / mariadb-dump / Cloud SQL export, {@code .sql} or gzip. */
        public Builder dump(Path dump) {
            this.dump = Objects.requireNonNull(dump, "dump");
            return this;
        }

        /** A live source server and database, read through one consistent export (nothing is written). */
        public Builder source(ServerAddress source, String database) {
            this.source = Objects.requireNonNull(source, "source");
            this.sourceDatabase = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Exports {@link #source} with {@code exporter} (one {@code .sql.gz} file), as the window will, instead of cutkit's own. */
        public Builder exporter(SnapshotExporter exporter) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            return this;
        }

        /** The database name on the new stack. */
        public Builder database(String database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** The real target server, for read-only checks. */
        public Builder target(ServerAddress target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The collation the target database will be created with. */
        public Builder targetCollation(String collation) {
            this.targetCollation = Objects.requireNonNull(collation, "collation");
            return this;
        }

        /** The target's flavour, when it cannot be reached. */
        public Builder targetFlavor(TargetFlavor flavor) {
            this.targetFlavor = Objects.requireNonNull(flavor, "flavor");
            return this;
        }

        /** The migrations the new code runs, and the history table the source records them in. */
        public Builder migrations(MigrationSource migrations, MigrationHistory history) {
            this.migrations = Objects.requireNonNull(migrations, "migrations");
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /** The migrations that wrote the source's history (e.g. the contractor's folder). */
        public Builder referenceMigrations(MigrationSource reference) {
            this.referenceMigrations = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /** The new code's migrations, built into a scratch database and compared with the imported one. */
        public Builder expectedSchemaMigrations(MigrationSource migrations) {
            this.expectedSchemaMigrations = Objects.requireNonNull(migrations, "migrations");
            return this;
        }

        /** The schema the new code expects, declared in code. */
        public Builder expectedSchema(ExpectedSchema expected) {
            this.expectedSchema = Objects.requireNonNull(expected, "expected");
            return this;
        }

        /** The encryption key, the columns that hold envelopes and the columns that must not. */
        public Builder key(SecretSource key, List<ColumnRef> encrypted, List<ColumnRef> plaintext) {
            this.key = Objects.requireNonNull(key, "key");
            this.encrypted = List.copyOf(encrypted);
            this.plaintext = List.copyOf(plaintext);
            return this;
        }

        /** Columns that must hold plaintext, checked even without a key. */
        public Builder plaintext(List<ColumnRef> plaintext) {
            this.plaintext = List.copyOf(plaintext);
            return this;
        }

        /** One source-side secret, checked for placeholders and fingerprinted. */
        public Builder secret(String name, SecretSource secret) {
            secrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** One destination-side secret, compared by fingerprint with the source secret of the same name. */
        public Builder destinationSecret(String name, SecretSource secret) {
            destinationSecrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** The numbers to repoint: the repointer, which numbers and their new routes. */
        public Builder numbers(NumberRepointer repointer, NumberSelection selection, RouteChange change) {
            this.numbers = Objects.requireNonNull(repointer, "repointer");
            this.numberSelection = Objects.requireNonNull(selection, "selection");
            this.numberChange = Objects.requireNonNull(change, "change");
            return this;
        }

        /** As {@link #numbers(NumberRepointer, NumberSelection, RouteChange)}, with the override handling the real run uses. */
        public Builder numbers(NumberRepointer repointer, NumberSelection selection, RouteChange change,
                OverrideHandling overrideHandling) {
            this.numberOverrideHandling = Objects.requireNonNull(overrideHandling, "overrideHandling");
            return numbers(repointer, selection, change);
        }

        /** The cutover window (default 30 minutes). */
        public Builder window(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive");
            }
            this.window = window;
            return this;
        }

        /** How the real import will treat a dump naming another database (default: rewrite it to the target). */
        public Builder foreignDatabases(ForeignDatabasePolicy policy) {
            this.foreignDatabases = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** What counts as a placeholder secret (default: {@link PlaceholderPolicy#defaults()}). */
        public Builder placeholderPolicy(PlaceholderPolicy policy) {
            this.placeholderPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public DryRunPlan build() {
            if ((dump == null) == (source == null)) {
                throw new IllegalArgumentException("A dry-run needs exactly one data source: a dump file or a source server");
            }
            return new DryRunPlan(this);
        }
    }
}
