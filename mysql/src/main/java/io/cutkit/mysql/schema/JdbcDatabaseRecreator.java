package io.cutkit.mysql.schema;

import io.cutkit.core.data.DatabaseRecreator;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.RecreateOutcome;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops and recreates one configured database over JDBC with the character set and collation of a
 * source (field report blockers 1 and 4), on MySQL or MariaDB.
 *
 * <p>Before anything is dropped it checks that the requested database is the configured target and
 * that the target server has the collation; when it lacks it, {@link CollationUnavailableException}
 * names the closest one it has. A dry run checks the same and says what it would do. Read the source
 * with {@link #survey(DataSource, String)}, which also lists tables and columns whose collation
 * differs from what they inherit.
 *
 * <pre>{@code
 * CollationSurvey source = JdbcDatabaseRecreator.survey(sourceDataSource, "Optileads");
 * RecreateOutcome outcome = JdbcDatabaseRecreator.builder()
 *         .target(targetAdminDataSource).targetDatabase("crm").build()
 *         .recreateLike(source.database(), "crm");
 * }</pre>
 *
 * <p>Cost: a few catalogue queries, then {@code DROP DATABASE} (which takes as long as the server
 * needs to remove the old tables) and {@code CREATE DATABASE}.
 */
public final class JdbcDatabaseRecreator implements DatabaseRecreator {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabaseRecreator.class);
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final DataSource target;
    private final String targetDatabase;
    private final boolean dryRun;

    private JdbcDatabaseRecreator(Builder builder) {
        this.target = builder.target;
        this.targetDatabase = builder.targetDatabase;
        this.dryRun = builder.dryRun;
    }

    /** Starts a configuration; {@code target} and {@code targetDatabase} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code database}'s default character set and collation, and the tables and columns
     * whose collation differs from what they inherit.
     *
     * @throws SchemaInspectionException when the database does not exist or cannot be read
     */
    public static CollationSurvey survey(DataSource source, String database) {
        try (Connection connection = source.getConnection()) {
            DatabaseSpec spec = readSpec(connection, database).orElseThrow(() -> new SchemaInspectionException(
                    "Source database `" + database + "` does not exist; check its name (names are case-sensitive)"));
            List<DifferingCollation> differing = new ArrayList<>();
            try (PreparedStatement tables = connection.prepareStatement(
                    "SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                            + " AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COLLATION <> ? ORDER BY TABLE_NAME")) {
                tables.setString(1, database);
                tables.setString(2, spec.collation());
                try (ResultSet rows = tables.executeQuery()) {
                    while (rows.next()) {
                        differing.add(new DifferingCollation(rows.getString(1), Optional.empty(), rows.getString(2),
                                spec.collation()));
                    }
                }
            }
            try (PreparedStatement columns = connection.prepareStatement(
                    "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLLATION_NAME, t.TABLE_COLLATION"
                            + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                            + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                            + " WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'"
                            + " AND c.COLLATION_NAME IS NOT NULL AND c.COLLATION_NAME <> t.TABLE_COLLATION"
                            + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
                columns.setString(1, database);
                try (ResultSet rows = columns.executeQuery()) {
                    while (rows.next()) {
                        differing.add(new DifferingCollation(rows.getString(1), Optional.of(rows.getString(2)),
                                rows.getString(3), rows.getString(4)));
                    }
                }
            }
            return new CollationSurvey(spec, differing);
        } catch (SQLException e) {
            throw new SchemaInspectionException("Could not read the collations of `" + database + "`: " + e.getMessage(), e);
        }
    }

    /**
     * Drops {@code targetDatabase} (if it exists) and creates it with {@code like}'s character set and
     * collation; on a dry run only checks and describes.
     *
     * @throws TargetMismatchException when {@code targetDatabase} is not the configured target
     * @throws CollationUnavailableException when the target server lacks the collation
     * @throws SchemaInspectionException when the server refuses a statement
     */
    @Override
    public RecreateOutcome recreateLike(DatabaseSpec like, String targetDatabase) {
        Objects.requireNonNull(like, "like");
        if (!this.targetDatabase.equals(targetDatabase)) {
            throw new TargetMismatchException(this.targetDatabase, String.valueOf(targetDatabase));
        }
        DatabaseSpec wanted = like.renamed(targetDatabase);
        try (Connection connection = target.getConnection()) {
            requireCollation(connection, wanted);
            Optional<DatabaseSpec> existing = readSpec(connection, targetDatabase);
            int tables = existing.isPresent() ? countTables(connection, targetDatabase) : 0;
            String drop = existing.map(spec -> "drop `" + targetDatabase + "` (" + tables + " table(s), "
                    + spec.characterSet() + "/" + spec.collation() + ") and ").orElse("");
            String create = "create `" + targetDatabase + "` with " + wanted.characterSet() + "/" + wanted.collation();
            if (dryRun) {
                return new RecreateOutcome(wanted, existing.isPresent(), true, "Dry run: would " + drop + create);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(targetDatabase));
                statement.execute("CREATE DATABASE " + quote(targetDatabase) + " CHARACTER SET " + wanted.characterSet()
                        + " COLLATE " + wanted.collation());
            }
            DatabaseSpec created = readSpec(connection, targetDatabase).orElseThrow(() -> new SchemaInspectionException(
                    "`" + targetDatabase + "` was created but is not visible to this account; check its privileges"));
            String summary = (drop.isEmpty() ? "Created" : "Dropped and recreated") + " `" + targetDatabase + "` with "
                    + created.characterSet() + "/" + created.collation();
            LOG.info(summary);
            return new RecreateOutcome(created, existing.isPresent(), false, summary);
        } catch (SQLException e) {
            throw new SchemaInspectionException("Recreating `" + targetDatabase + "` failed: " + e.getMessage()
                    + "; check that the account may DROP and CREATE databases", e);
        }
    }

    private static void requireCollation(Connection connection, DatabaseSpec wanted) throws SQLException {
        Set<String> available = collationsOf(connection, wanted.characterSet());
        if (!available.contains(wanted.collation().toLowerCase(Locale.ROOT))) {
            throw new CollationUnavailableException(wanted.characterSet(), wanted.collation(),
                    ClosestCollation.among(wanted.collation().toLowerCase(Locale.ROOT),
                            wanted.characterSet().toLowerCase(Locale.ROOT), available),
                    serverVersion(connection));
        }
    }

    /**
     * Every collation the server has for {@code characterSet}. MariaDB 11 lists its UCA 14 collations
     * only as full names in {@code COLLATION_CHARACTER_SET_APPLICABILITY}, so that table is read too.
     */
    private static Set<String> collationsOf(Connection connection, String characterSet) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE CHARACTER_SET_NAME = ?")) {
            statement.setString(1, characterSet);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (hasColumn(connection, "COLLATION_CHARACTER_SET_APPLICABILITY", "FULL_COLLATION_NAME")) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT FULL_COLLATION_NAME FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY"
                            + " WHERE CHARACTER_SET_NAME = ?")) {
                statement.setString(1, characterSet);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'information_schema'"
                        + " AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    private static Optional<DatabaseSpec> readSpec(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // the comparison above follows the catalogue's collation; names are case-sensitive here
                    if (rows.getString(1).equals(database)) {
                        return Optional.of(new DatabaseSpec(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return Optional.empty();
            }
        }
    }

    private static int countTables(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String serverVersion(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** Immutable once built; {@link #target} and {@link #targetDatabase} are required. */
    public static final class Builder {

        private DataSource target;
        private String targetDatabase;
        private boolean dryRun;

        private Builder() {
        }

        /** Connections to the target server with privileges to drop and create the database. */
        public Builder target(DataSource target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** The only database this recreator may drop. */
        public Builder targetDatabase(String targetDatabase) {
            this.targetDatabase = targetDatabase;
            return this;
        }

        /** Check and describe only; drop and create nothing. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the target is missing, not a valid database name, or a
         *     system database
         */
        public JdbcDatabaseRecreator build() {
            if (target == null) {
                throw new IllegalArgumentException("target DataSource is required");
            }
            if (targetDatabase == null || targetDatabase.isBlank() || targetDatabase.length() > 64
                    || targetDatabase.endsWith(" ")) {
                throw new IllegalArgumentException("targetDatabase must be a database name of 1 to 64 characters"
                        + " without trailing spaces, got '" + targetDatabase + "'");
            }
            if (SYSTEM_DATABASES.contains(targetDatabase.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Refusing to manage system database `" + targetDatabase
                        + "`; name the application's database");
            }
            return new JdbcDatabaseRecreator(this);
        }
    }
}
