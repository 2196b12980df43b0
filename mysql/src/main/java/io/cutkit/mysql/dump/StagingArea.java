package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import io.cutkit.core.data.SnapshotException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging database an import loads into, and the single step that makes the load visible in the
 * target: one {@code RENAME TABLE} statement (atomic on MySQL 8 and MariaDB 10.6+, which undo all of
 * its renames when one fails) moves every staged table into the target and, in the same statement,
 * the target's tables and views of the same names aside within the target (triggers cannot leave
 * their schema). Stored programs and views are then created in the target by the caller; when that
 * fails, {@link #abandon()} drops what was created, renames everything back and restores the target's
 * programs it had set aside, so the target is as before.
 *
 * <p>The import holds a server lock named after the target ({@code GET_LOCK}) on its own connection
 * from {@link #open} to {@link #close}, so two imports into one target cannot interleave, and a
 * staging database found while holding the lock is the leftover of an import whose process is gone:
 * it is named in the log and dropped.
 */
final class StagingArea implements AutoCloseable {

    static final String STAGING_MARKER = "~cutkit-staging";
    static final String ASIDE_MARKER = "~cutkit-old";

    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
    private static final int MAX_NAME = 64;

    private final Connection c;
    private final String target;
    private final String staging;
    private final boolean targetExisted;
    /** The target is an empty database the importer created for this import and drops again if it fails. */
    private final boolean targetCreatedForImport;
    private String[] targetDefaults;
    private List<String> moved = List.of();
    private List<String> setAside = List.of();
    private Set<String> setAsideViews = Set.of();
    private List<SchemaObject> created = List.of();
    private final List<SavedProgram> savedPrograms = new ArrayList<>();
    private boolean createdTarget;
    private boolean movedIn;

    /** A view, trigger, procedure, function or event the dump creates ({@code type} as in {@code DROP type}). */
    record SchemaObject(String type, String name) {
    }

    private record SavedProgram(String type, String name, String sqlMode, String statement) {
    }

    private StagingArea(Connection c, String target, boolean targetCreatedForImport) throws SQLException {
        this.c = c;
        this.target = target;
        this.targetCreatedForImport = targetCreatedForImport;
        this.staging = marked(target, STAGING_MARKER);
        this.targetDefaults = defaults(target);
        this.targetExisted = targetDefaults != null;
    }

    /**
     * Takes the import lock for {@code target} (refusing when another import holds it) and removes the
     * staging database of an earlier import that did not finish. Refuses when the target still holds
     * tables an interrupted import had set aside (they may be the only copy of its previous data).
     */
    static StagingArea open(DataSource admin, String target, boolean targetCreatedForImport) throws SQLException {
        Connection c = admin.getConnection();
        try {
            StagingArea area = new StagingArea(c, target, targetCreatedForImport);
            area.lock();
            area.removeLeftovers();
            return area;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The database the load goes into. */
    String database() {
        return staging;
    }

    /** Whether the target existed when the import started. */
    boolean targetExisted() {
        return targetExisted;
    }

    /**
     * Creates the staging database with the target's character set and collation when the target
     * exists (the dump's own {@code CREATE DATABASE} is then not followed, as before) and returns
     * whether the staging database exists now.
     */
    boolean prepare() throws SQLException {
        if (targetExisted) {
            execute("CREATE DATABASE " + quote(staging) + " CHARACTER SET " + targetDefaults[0] + " COLLATE " + targetDefaults[1]);
        }
        return targetExisted;
    }

    /** What the target holds while nothing has been moved: the sentence failures end with. */
    String unchangedTarget() {
        return targetExisted && !targetCreatedForImport ? "the target " + quote(target) + " is unchanged"
                : "the target " + quote(target) + " does not exist, as before";
    }

    /**
     * Moves every staged table into the target in one {@code RENAME TABLE}, setting aside the target's
     * tables and views that have the names of staged tables or of the dump's views, then drops the
     * target's triggers, routines and events that have the names of the dump's (keeping their
     * definitions for {@link #abandon()}). Creates the target first, with the staging database's
     * character set and collation, when it did not exist.
     */
    void moveIn(List<SchemaObject> objects) throws SQLException {
        created = List.copyOf(objects);
        List<String> tables = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_NAME", staging, null);
        Set<String> replaced = new LinkedHashSet<>();
        List<SavedProgram> clashing = new ArrayList<>();
        if (targetExisted) {
            Set<String> existing = new LinkedHashSet<>(names("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ?", target, null));
            tables.stream().filter(existing::contains).forEach(replaced::add);
            objects.stream().filter(o -> o.type().equals("VIEW") && existing.contains(o.name()))
                    .forEach(o -> replaced.add(o.name()));
            setAsideViews = Set.copyOf(names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_TYPE = 'VIEW'", target, null));
            // saved before the rename: MariaDB rewrites a trigger's text to its table's new name
            for (SchemaObject o : objects) {
                if (!o.type().equals("VIEW") && exists(o)) {
                    clashing.add(save(o));
                }
            }
        } else {
            String[] staged = defaults(staging);
            execute("CREATE DATABASE " + quote(target) + " CHARACTER SET " + staged[0] + " COLLATE " + staged[1]);
            createdTarget = true;
        }
        List<String> renames = new ArrayList<>();
        replaced.forEach(n -> renames.add(qualified(target, n) + " TO " + qualified(target, marked(n, ASIDE_MARKER))));
        tables.forEach(t -> renames.add(qualified(staging, t) + " TO " + qualified(target, t)));
        if (!renames.isEmpty()) {
            execute("RENAME TABLE " + String.join(", ", renames));
        }
        moved = tables;
        setAside = List.copyOf(replaced);
        movedIn = true;
        for (SavedProgram p : clashing) {
            execute("DROP " + p.type() + " " + qualified(target, p.name()));
            savedPrograms.add(p);
        }
    }

    /** After the objects were created: drops the set-aside tables and the staging database; failures are only logged. */
    void commit() {
        try {
            execute("SET SESSION foreign_key_checks = 0");
            for (String n : setAside) {
                execute("DROP " + (setAsideViews.contains(n) ? "VIEW" : "TABLE") + " IF EXISTS "
                        + qualified(target, marked(n, ASIDE_MARKER)));
            }
            execute("DROP DATABASE IF EXISTS " + quote(staging));
        } catch (SQLException e) {
            LOG.warn("Import into {} is complete, but removing the previous tables or {} failed: {}; the next import"
                    + " into it names them", quote(target), quote(staging), e.getMessage());
        }
    }

    /**
     * Returns the target to how it was before the import (undoing {@link #moveIn} when it ran) and
     * drops the staging database; returns what the target holds now, for the failure's message.
     */
    String abandon() {
        try {
            if (movedIn) {
                undoMove();
            }
        } catch (SQLException e) {
            return "undoing the move into " + quote(target) + " failed (" + e.getMessage() + "): the target may hold"
                    + " the dump's tables; its previous tables are the ones named *" + ASIDE_MARKER + ", restore them"
                    + " by hand before importing again";
        }
        try {
            execute("DROP DATABASE IF EXISTS " + quote(staging));
        } catch (SQLException e) {
            LOG.warn("Cannot drop the staging database {}: {}; the next import into {} removes it", quote(staging),
                    e.getMessage(), quote(target));
        }
        return unchangedTarget();
    }

    private void undoMove() throws SQLException {
        if (createdTarget) {
            execute("DROP DATABASE " + quote(target));
            return;
        }
        for (SchemaObject o : created) {
            // the target's own objects of these names were set aside (views) or saved (programs)
            execute("DROP " + o.type() + " IF EXISTS " + qualified(target, o.name()));
        }
        List<String> renames = new ArrayList<>();
        moved.forEach(t -> renames.add(qualified(target, t) + " TO " + qualified(staging, t)));
        setAside.forEach(n -> renames.add(qualified(target, marked(n, ASIDE_MARKER)) + " TO " + qualified(target, n)));
        if (!renames.isEmpty()) {
            execute("RENAME TABLE " + String.join(", ", renames));
        }
        execute("ALTER DATABASE " + quote(target) + " CHARACTER SET " + targetDefaults[0] + " COLLATE " + targetDefaults[1]);
        for (SavedProgram p : savedPrograms) {
            try (PreparedStatement mode = c.prepareStatement("SET SESSION sql_mode = ?")) {
                mode.setString(1, p.sqlMode());
                mode.execute();
            }
            execute("USE " + quote(target));
            execute(p.statement());
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing the session releases the import lock
        }
    }

    private void lock() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            p.setString(1, "cutkit-import:" + hash(target, 40));
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new ImportRefusedException("the dump", target, List.of("another import into " + quote(target)
                            + " is running: wait for it to finish"), null);
                }
            }
        }
    }

    private void removeLeftovers() throws SQLException {
        if (defaults(staging) != null) {
            LOG.warn("Import into {}: removing {}, the staging database of an earlier import into it that did not finish",
                    quote(target), quote(staging));
            execute("DROP DATABASE " + quote(staging));
        }
        if (targetExisted) {
            List<String> aside = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME LIKE CONCAT('%', ?)", target, ASIDE_MARKER);
            if (!aside.isEmpty()) {
                throw new ImportRefusedException("the dump", target, List.of(aside.stream().map(StagingArea::quote).toList()
                        + " are the previous tables of " + quote(target) + ", set aside by an import that stopped after"
                        + " moving its tables in: rename them back (or drop them), then import again"), null);
            }
        }
    }

    private boolean exists(SchemaObject o) throws SQLException {
        String sql = switch (o.type()) {
            case "TRIGGER" -> "SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?";
            case "EVENT" -> "SELECT 1 FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? AND EVENT_NAME = ?";
            default -> "SELECT 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_NAME = ?"
                    + " AND ROUTINE_TYPE = '" + o.type() + "'";
        };
        return !names(sql, target, o.name()).isEmpty();
    }

    private SavedProgram save(SchemaObject o) throws SQLException {
        String column = switch (o.type()) {
            case "TRIGGER" -> "SQL Original Statement";
            case "EVENT" -> "Create Event";
            default -> "Create " + o.type().charAt(0) + o.type().substring(1).toLowerCase(Locale.ROOT);
        };
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW CREATE " + o.type() + " " + qualified(target, o.name()))) {
            rs.next();
            return new SavedProgram(o.type(), o.name(), rs.getString("sql_mode"), rs.getString(column));
        }
    }

    /** The default character set and collation of {@code database}, or null when it does not exist. */
    private String[] defaults(String database) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private List<String> names(String sql, String a, String b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, a);
            if (b != null) {
                p.setString(2, b);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * {@code name} followed by {@code marker}, shortened to MySQL's 64-character identifier limit by
     * replacing its end with a hash of the whole name, so each name maps to one marked name.
     */
    static String marked(String name, String marker) {
        String plain = name + marker;
        if (plain.length() <= MAX_NAME) {
            return plain;
        }
        return name.substring(0, MAX_NAME - marker.length() - 9) + "~" + hash(name, 8) + marker;
    }

    private static String hash(String text, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new SnapshotException("SHA-256 is not available", e);
        }
    }

    private static String qualified(String database, String name) {
        return quote(database) + "." + quote(name);
    }

    private static String quote(String identifier) {
        return StatementHead.quote(identifier);
    }
}
