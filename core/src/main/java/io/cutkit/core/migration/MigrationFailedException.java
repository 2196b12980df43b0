package io.cutkit.core.migration;

import java.util.List;

/**
 * A statement of a migration failed. MySQL commits DDL implicitly, so the statements listed in
 * {@link #completedStatements()} took effect and were not rolled back; the failure is recorded in the
 * history. Fix the cause, reconcile what already ran, then remove the failed history row and migrate again.
 */
public class MigrationFailedException extends MigrationException {

    private final String migration;
    private final int failedStatementNumber;
    private final String failedStatement;
    private final List<String> completedStatements;
    private final int errorCode;
    private final String sqlState;

    public MigrationFailedException(String migration, int failedStatementNumber, String failedStatement,
                                    List<String> completedStatements, int errorCode, String sqlState, Throwable cause) {
        super("Migration " + migration + " failed at statement " + failedStatementNumber + " ("
                + abbreviate(failedStatement) + "): " + cause.getMessage() + ". "
                + (completedStatements.isEmpty() ? "No statement of it took effect."
                : completedStatements.size() + " earlier statement(s) took effect and were not rolled back: "
                + String.join("; ", completedStatements.stream().map(MigrationFailedException::abbreviate).toList())
                + ".") + " Fix the cause, reconcile the schema, then delete the FAILED history row and migrate again.",
                cause);
        this.migration = migration;
        this.failedStatementNumber = failedStatementNumber;
        this.failedStatement = failedStatement;
        this.completedStatements = List.copyOf(completedStatements);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    public String migration() {
        return migration;
    }

    /** 1-based position of the failed statement within its migration. */
    public int failedStatementNumber() {
        return failedStatementNumber;
    }

    public String failedStatement() {
        return failedStatement;
    }

    public List<String> completedStatements() {
        return completedStatements;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
