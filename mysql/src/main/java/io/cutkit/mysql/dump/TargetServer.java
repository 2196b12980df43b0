package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What a dump needs to know about the server it will be loaded into: product and version, which
 * collations it accepts, which accounts exist, which databases exist. Each answer costs one short
 * query and is cached. Thread-safe. Throws {@link io.cutkit.core.data.SnapshotException} when the
 * server cannot be reached.
 */
public final class TargetServer {

    /** Whether an account exists on the target. */
    public enum AccountStatus { EXISTS, MISSING, UNKNOWN }

    private static final Pattern SUPER = Pattern.compile("[ ,](SUPER|SYSTEM_VARIABLES_ADMIN)[ ,]");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final DataSource dataSource;
    private final String version;
    private final boolean mariaDb;
    private final int major;
    private final Map<String, Boolean> collations = new HashMap<>();
    private final Map<String, AccountStatus> accounts = new HashMap<>();

    private TargetServer(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            this.version = rs.getString(1);
            DatabaseMetaData md = c.getMetaData();
            this.mariaDb = version.toLowerCase(Locale.ROOT).contains("mariadb")
                    || md.getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
            this.major = Integer.parseInt(version.replaceAll("^(\\d+).*$", "$1"));
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot reach the target server to check the dump against it: "
                    + e.getMessage(), e);
        }
    }

    /** Reads the server's version through {@code dataSource}. */
    public static TargetServer of(DataSource dataSource) {
        return new TargetServer(dataSource);
    }

    /** The server's {@code VERSION()}. */
    public String version() {
        return version;
    }

    /** True for MariaDB, false for MySQL. */
    public boolean isMariaDb() {
        return mariaDb;
    }

    /** True for MySQL 8.0 and later, which reject {@code NO_AUTO_CREATE_USER}. */
    public boolean rejectsNoAutoCreateUser() {
        return !mariaDb && major >= 8;
    }

    /** Whether the server accepts {@code collation} (tried, not looked up: MariaDB accepts aliases it does not list). */
    public synchronized boolean supportsCollation(String collation) {
        String key = collation.toLowerCase(Locale.ROOT);
        return collations.computeIfAbsent(key, this::tryCollation);
    }

    private boolean tryCollation(String collation) {
        if (!SIMPLE_NAME.matcher(collation).matches()) {
            return false;
        }
        String charset = collation.equals("binary") ? "binary" : collation.substring(0, Math.max(collation.indexOf('_'), 0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT CONVERT('a' USING " + charset + ") COLLATE " + collation).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether {@code user@host} exists: from {@code mysql.user}, else from {@code SHOW GRANTS FOR}, else UNKNOWN. */
    public synchronized AccountStatus account(String user, String host) {
        return accounts.computeIfAbsent(user + "\u0000" + host, k -> lookUp(user, host));
    }

    private AccountStatus lookUp(String user, String host) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
            p.setString(1, user);
            p.setString(2, host);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0 ? AccountStatus.EXISTS : AccountStatus.MISSING;
            }
        } catch (SQLException notReadable) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("SHOW GRANTS FOR " + quoteString(user) + "@" + quoteString(host)).close();
                return AccountStatus.EXISTS;
            } catch (SQLException e) {
                return e.getErrorCode() == 1141 ? AccountStatus.MISSING : AccountStatus.UNKNOWN;
            }
        }
    }

    /**
     * Whether the connecting account may run the SUPER-only statements dumps carry (GTID_PURGED,
     * SQL_LOG_BIN, SET GLOBAL): it holds SUPER, ALL PRIVILEGES on {@code *.*}, or MySQL 8's
     * SYSTEM_VARIABLES_ADMIN, by its own {@code SHOW GRANTS}; false when they cannot be read.
     */
    public boolean grantsSuper() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains(" ON *.* ") && (grant.startsWith("GRANT ALL PRIVILEGES ON") || SUPER.matcher(grant).find())) {
                    return true;
                }
            }
            return false;
        } catch (SQLException unknown) {
            return false;
        }
    }

    /** Whether the server accepts {@code LOAD DATA LOCAL} ({@code @@GLOBAL.local_infile}); true when it cannot be read. */
    public boolean acceptsLocalInfile() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            return !rs.next() || rs.getInt(1) != 0;
        } catch (SQLException unknown) {
            return true;
        }
    }

    /**
     * The largest statement a new connection may send, {@code @@GLOBAL.max_allowed_packet} in bytes (the
     * session value is read-only and copied from it at connect).
     */
    public long maxAllowedPacket() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the target's max_allowed_packet: " + e.getMessage(), e);
        }
    }

    /** The default collation of database {@code name}, or empty when it does not exist. */
    public java.util.Optional<String> databaseCollation(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the collation of database "
                    + StatementHead.quote(name) + ": " + e.getMessage(), e);
        }
    }

    /** The server's {@code lower_case_table_names}: 0 when table and trigger names compare with case. */
    public int lowerCaseTableNames() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@lower_case_table_names")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the target's lower_case_table_names: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The names of the tables and views of database {@code name} (none when it does not exist), compared
     * without case when the server's {@code lower_case_table_names} is not 0, as the server compares them.
     */
    public java.util.Set<String> tableNames(String name) {
        java.util.Set<String> names = lowerCaseTableNames() == 0 ? new java.util.TreeSet<>()
                : new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", name, "tables"));
        return names;
    }

    /**
     * A routine, trigger or event of a database.
     *
     * @param type {@code PROCEDURE}, {@code FUNCTION}, {@code TRIGGER} or {@code EVENT}
     * @param name its name
     * @param table a trigger's table, null for the others
     */
    public record StoredProgram(String type, String name, String table) {
    }

    /** The routines, triggers and events of database {@code name} (none when it does not exist). */
    public java.util.List<StoredProgram> storedPrograms(String name) {
        java.util.List<StoredProgram> programs = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT ROUTINE_TYPE, ROUTINE_NAME, NULL FROM information_schema.ROUTINES"
                        + " WHERE ROUTINE_SCHEMA = ? UNION ALL SELECT 'TRIGGER', TRIGGER_NAME, EVENT_OBJECT_TABLE"
                        + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? UNION ALL SELECT 'EVENT', EVENT_NAME, NULL"
                        + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?")) {
            p.setString(1, name);
            p.setString(2, name);
            p.setString(3, name);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    programs.add(new StoredProgram(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the routines, triggers and events of database "
                    + StatementHead.quote(name) + ": " + e.getMessage(), e);
        }
        return programs;
    }

    private java.util.List<String> strings(String sql, String parameter, String what) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parameter);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the " + what + " of database "
                    + StatementHead.quote(parameter) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Whether a database named {@code name} exists. */
    public boolean databaseExists(String name) {
        return databaseCollation(name).isPresent();
    }

    /** Creates database {@code spec.name()} with its character set and collation. */
    public void createDatabase(io.cutkit.core.data.DatabaseSpec spec) {
        if (!SIMPLE_NAME.matcher(spec.characterSet()).matches() || !SIMPLE_NAME.matcher(spec.collation()).matches()) {
            throw new IllegalArgumentException("Not a character set and collation: " + spec);
        }
        execute("CREATE DATABASE " + StatementHead.quote(spec.name()) + " CHARACTER SET " + spec.characterSet()
                + " COLLATE " + spec.collation(), "create database " + StatementHead.quote(spec.name()));
    }

    /** Drops database {@code name} if it holds no tables, views or routines; returns whether it did. */
    public boolean dropIfEmpty(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT (SELECT COUNT(*) FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = ?) + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?)")) {
            p.setString(1, name);
            p.setString(2, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot read the objects of database "
                    + StatementHead.quote(name) + ": " + e.getMessage(), e);
        }
        execute("DROP DATABASE " + StatementHead.quote(name), "drop database " + StatementHead.quote(name));
        return true;
    }

    private void execute(String sql, String what) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot " + what + ": " + e.getMessage(), e);
        }
    }

    static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
