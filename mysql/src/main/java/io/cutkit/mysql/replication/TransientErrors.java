package io.cutkit.mysql.replication;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which failures are worth another attempt: the connection was lost or refused (server gone away,
 * lost during a query, killed, shutting down or restarting, too many connections), a lock wait
 * timed out, or a deadlock chose the statement as its victim. Everything else (wrong password,
 * missing privilege, bad SQL, a replication error) is permanent.
 */
final class TransientErrors {

    /**
     * 1040 too many connections, 1053 server shutdown in progress, 1158-1161 network read/write errors,
     * 1205 lock wait timeout, 1213 deadlock, 1927 connection killed (MariaDB), 2002/2003 cannot connect,
     * 2006 server has gone away, 2013 lost connection during query.
     */
    private static final Set<Integer> CODES = Set.of(1040, 1053, 1158, 1159, 1160, 1161, 1205, 1213, 1927, 2002, 2003,
            2006, 2013);

    private TransientErrors() {
    }

    /** Whether {@code failure} or one of its causes is a transient SQL error. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return isTransient(sql);
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28") || e.getErrorCode() == 1045) {
            return false; // the account or password is wrong: no attempt will succeed
        }
        return CODES.contains(e.getErrorCode()) || state.startsWith("08") || state.equals("40001")
                || e instanceof SQLTransientException;
    }
}
