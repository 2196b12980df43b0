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
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staging database an import loads into, and the single step that makes the load visible in the
 * target: one {@code RENAME TABLE} statement (atomic on MySQL 8 and MariaDB 10.6+, which undo all of
 * its renames when one fails) moves every staged table into the target and, in the same statement,
 * the target's tables of the same names into a database beside it ({@code <target>~cutkit-old}, as
 * foreign key names are unique per database) and its views of those names aside within the target.
 * Stored programs and views are then created in the target by the caller; when that fails,
 * {@link #abandon()} drops what was created, renames everything back and restores the target's
 * triggers and programs it had set aside, so the target is as before. A dump that adds to tables it
 * does not create has the target's tables copied into the staging database first ({@link #seed}).
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
    /** Where the target's replaced tables wait until the import commits: a database beside it. */
    private final String aside;
    private List<String> moved = List.of();
    private List<String> setAsideTables = List.of();
    private List<String> setAsideViews = List.of();
    private boolean createdAside;
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
        this.aside = marked(target, ASIDE_MARKER);
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

    /**
     * When the dump keeps the rows of a table the target already holds (it adds to a table it does not
     * create first, as a data-only script does), copies every base table of the target that the dump
     * does not replace first into the staging database, rows included, so that the load sees what the
     * mariadb client would see in the target. Returns the target's triggers on the copied tables and,
     * when there are any, its stored routines (which trigger bodies may call), as a script for the
     * loader to run before the dump, so that they fire during the load and come back after the move
     * as they were; returns an empty script when nothing was copied. The copy costs a read of those
     * tables: the price of leaving the target as it was when the load fails.
     */
    String seed(Map<String, Boolean> keepsExistingRows) throws SQLException {
        if (!targetExisted) {
            return "";
        }
        List<String> existing = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", target, null);
        if (existing.stream().noneMatch(t -> Boolean.TRUE.equals(keepsExistingRows.get(t)))) {
            return "";
        }
        List<String> copied = existing.stream().filter(t -> !Boolean.FALSE.equals(keepsExistingRows.get(t))).toList();
        String mode = scalar("SELECT @@SESSION.sql_mode");
        execute("SET SESSION foreign_key_checks = 0");
        execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'");
        execute("USE " + quote(staging));
        for (String t : copied) {
            execute(showCreate("TABLE", t, "Create Table"));
            String columns = String.join(", ", names("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION", target, t)
                    .stream().map(StagingArea::quote).toList());
            execute("INSERT INTO " + qualified(staging, t) + " (" + columns + ") SELECT " + columns + " FROM " + qualified(target, t));
        }
        try (PreparedStatement p = c.prepareStatement("SET SESSION sql_mode = ?")) {
            p.setString(1, mode);
            p.execute();
        }
        LOG.info("Import into {}: the dump adds to tables it does not create; copied {} table(s) of the target into {} first",
                quote(target), copied.size(), quote(staging));
        StringBuilder script = new StringBuilder();
        for (String[] trigger : pairs("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER", target)) {
            if (copied.contains(trigger[1])) {
                script.append(replayable(save(new SchemaObject("TRIGGER", trigger[0]))));
            }
        }
        if (!script.isEmpty()) {
            for (String[] routine : pairs("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE DESC, ROUTINE_NAME", target)) {
                script.insert(0, replayable(save(new SchemaObject(routine[0], routine[1]))));
            }
        }
        return script.toString();
    }

    /** {@code p} as script text: its sql_mode set around its CREATE statement, which ends with a delimiter of its own. */
    private static String replayable(SavedProgram p) {
        String delimiter = "$$cutkit$$";
        return "SET @cutkit_saved_sql_mode = @@SESSION.sql_mode;\nSET SESSION sql_mode = " + literal(p.sqlMode()) + ";\n"
                + "DELIMITER " + delimiter + "\n" + p.statement() + "\n" + delimiter + "\nDELIMITER ;\n"
                + "SET SESSION sql_mode = @cutkit_saved_sql_mode;\n";
    }

    private String showCreate(String type, String name, String column) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE " + type + " " + qualified(target, name))) {
            rs.next();
            return rs.getString(column);
        }
    }

    private String scalar(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<String[]> pairs(String sql, String a) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, a);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** What the target holds while nothing has been moved: the sentence failures end with. */
    String unchangedTarget() {
        return targetExisted && !targetCreatedForImport ? "the target " + quote(target) + " is unchanged"
                : "the target " + quote(target) + " does not exist, as before";
    }

    /**
     * Moves every staged table into the target in one {@code RENAME TABLE} that, in the same statement,
     * moves the target's tables of those names into the aside database and sets its views of the names
     * of staged tables or of the dump's views aside within the target. Tables leave the target's schema
     * because InnoDB's foreign key names are unique per database (the staged tables bring constraints
     * of the same names); their triggers, which cannot leave it, are saved and dropped first. Then drops
     * the target's triggers, routines and events that have the names of the dump's. Everything dropped
     * is kept for {@link #abandon()}. Creates the target first, with the staging database's character
     * set and collation, when it did not exist. {@code replacesEverything} (the dump drops its database,
     * {@link DumpReport#dropsDatabase()}): every table, view, trigger, routine and event of the target
     * goes aside or is saved and dropped, as the client's load keeps none of them, and the target takes
     * the staging database's character set and collation.
     */
    void moveIn(List<SchemaObject> objects, boolean replacesEverything) throws SQLException {
        created = List.copyOf(objects);
        List<String> tables = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_NAME", staging, null);
        Set<String> replacedTables = new LinkedHashSet<>();
        Set<String> replacedViews = new LinkedHashSet<>();
        List<SavedProgram> clashing = new ArrayList<>();
        if (targetExisted) {
            Set<String> existingViews = new LinkedHashSet<>(names("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'VIEW'", target, null));
            Set<String> existingTables = new LinkedHashSet<>(names("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'VIEW'", target, null));
            tables.stream().filter(existingTables::contains).forEach(replacedTables::add);
            tables.stream().filter(existingViews::contains).forEach(replacedViews::add);
            objects.stream().filter(o -> o.type().equals("VIEW")).map(SchemaObject::name)
                    .forEach(n -> (existingViews.contains(n) ? replacedViews : existingTables.contains(n) ? replacedTables
                            : new LinkedHashSet<String>()).add(n));
            Set<SchemaObject> programs = new LinkedHashSet<>(objects);
            if (replacesEverything) {
                replacedTables.addAll(existingTables);
                replacedViews.addAll(existingViews);
                pairs("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", target)
                        .forEach(r -> programs.add(new SchemaObject(r[0], r[1])));
                pairs("SELECT 'EVENT', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?", target)
                        .forEach(r -> programs.add(new SchemaObject(r[0], r[1])));
            }
            // saved before the rename: MariaDB rewrites a trigger's text to its table's new name
            for (SchemaObject o : programs) {
                if (!o.type().equals("VIEW") && exists(o)) {
                    clashing.add(save(o));
                }
            }
            for (String trigger : triggersOn(replacedTables)) {
                SavedProgram p = clashing.stream().filter(k -> k.type().equals("TRIGGER") && k.name().equals(trigger))
                        .findFirst().orElseGet(() -> saveQuietly(new SchemaObject("TRIGGER", trigger)));
                clashing.remove(p);
                execute("DROP TRIGGER " + qualified(target, trigger));
                savedPrograms.add(p);
            }
            if (!replacedTables.isEmpty()) {
                execute("CREATE DATABASE " + quote(aside));
                createdAside = true;
            }
        } else {
            String[] staged = defaults(staging);
            execute("CREATE DATABASE " + quote(target) + " CHARACTER SET " + staged[0] + " COLLATE " + staged[1]);
            createdTarget = true;
        }
        List<String> renames = new ArrayList<>();
        replacedTables.forEach(n -> renames.add(qualified(target, n) + " TO " + qualified(aside, n)));
        replacedViews.forEach(n -> renames.add(qualified(target, n) + " TO " + qualified(target, marked(n, ASIDE_MARKER))));
        tables.forEach(t -> renames.add(qualified(staging, t) + " TO " + qualified(target, t)));
        if (!renames.isEmpty()) {
            execute("RENAME TABLE " + String.join(", ", renames));
        }
        moved = tables;
        setAsideTables = List.copyOf(replacedTables);
        setAsideViews = List.copyOf(replacedViews);
        movedIn = true;
        if (targetExisted && replacesEverything) {
            String[] staged = defaults(staging);
            execute("ALTER DATABASE " + quote(target) + " CHARACTER SET " + staged[0] + " COLLATE " + staged[1]);
        }
        for (SavedProgram p : clashing) {
            execute("DROP " + p.type() + " " + qualified(target, p.name()));
            savedPrograms.add(p);
        }
    }

    private List<String> triggersOn(Set<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] t : pairs("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER", target)) {
            if (tables.contains(t[1])) {
                out.add(t[0]);
            }
        }
        return out;
    }

    private SavedProgram saveQuietly(SchemaObject o) {
        try {
            return save(o);
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read trigger " + quote(o.name()) + " of " + quote(target)
                    + " before replacing its table: " + e.getMessage(), e);
        }
    }

    /** After the objects were created: drops the set-aside tables and the staging database; failures are only logged. */
    void commit() {
        try {
            execute("SET SESSION foreign_key_checks = 0");
            for (String n : setAsideViews) {
                execute("DROP VIEW IF EXISTS " + qualified(target, marked(n, ASIDE_MARKER)));
            }
            if (createdAside) {
                execute("DROP DATABASE IF EXISTS " + quote(aside));
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
                    + " the dump's tables; its previous tables are in the database " + quote(aside) + " and its previous"
                    + " views are the ones named *" + ASIDE_MARKER + ", restore them by hand before importing again";
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
        setAsideTables.forEach(n -> renames.add(qualified(aside, n) + " TO " + qualified(target, n)));
        setAsideViews.forEach(n -> renames.add(qualified(target, marked(n, ASIDE_MARKER)) + " TO " + qualified(target, n)));
        if (!renames.isEmpty()) {
            execute("RENAME TABLE " + String.join(", ", renames));
        }
        if (createdAside) {
            execute("DROP DATABASE " + quote(aside));
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
            List<String> asideViews = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME LIKE CONCAT('%', ?)", target, ASIDE_MARKER);
            if (!asideViews.isEmpty()) {
                throw new ImportRefusedException("the dump", target, List.of(asideViews.stream().map(StagingArea::quote).toList()
                        + " are previous views of " + quote(target) + ", set aside by an import that stopped after"
                        + " moving its tables in: rename them back (or drop them), then import again"), null);
            }
        }
        if (defaults(aside) != null) {
            List<String> asideTables = names("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", aside, null);
            if (!asideTables.isEmpty()) {
                throw new ImportRefusedException("the dump", target, List.of("the database " + quote(aside) + " holds "
                        + asideTables.stream().map(StagingArea::quote).toList() + ", previous tables of " + quote(target)
                        + " set aside by an import that stopped after moving its tables in: move them back (RENAME TABLE)"
                        + " or drop them, then import again"), null);
            }
            execute("DROP DATABASE " + quote(aside));
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
