package io.cutkit.mysql.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a migration runs its statements through. Each statement executed here is recorded once it succeeds,
 * so a failure names the failing statement and those that already took effect (MySQL commits DDL
 * implicitly; they are not rolled back). Statements run on {@link #connection()} directly are not recorded.
 */
public final class MigrationContext {

    private final Connection connection;
    private final String migration;
    private final List<String> completed = new ArrayList<>();

    MigrationContext(Connection connection, String migration) {
        this.connection = connection;
        this.migration = migration;
    }

    /** The connection the run holds its lock on; autocommit is on. */
    public Connection connection() {
        return connection;
    }

    /** The name of the migration being applied. */
    public String migration() {
        return migration;
    }

    /** Executes one SQL statement and records it. */
    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StatementFailure(completed.size() + 1, sql, List.copyOf(completed), e);
        }
        completed.add(sql);
    }

    /** Executes one parameterised update, records it, and returns the affected row count. */
    public int update(String sql, Object... parameters) throws SQLException {
        int rows;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            rows = ps.executeUpdate();
        } catch (SQLException e) {
            throw new StatementFailure(completed.size() + 1, sql, List.copyOf(completed), e);
        }
        completed.add(sql);
        return rows;
    }

    /** The statements that succeeded so far, in order. */
    public List<String> completed() {
        return List.copyOf(completed);
    }

    /** Carries the position of a failed statement out of a migration's {@code apply}. */
    static final class StatementFailure extends SQLException {
        private static final long serialVersionUID = 1L;
        final int number;
        final String statement;
        final transient List<String> completedBefore;

        StatementFailure(int number, String statement, List<String> completedBefore, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.number = number;
            this.statement = statement;
            this.completedBefore = completedBefore;
        }
    }
}
