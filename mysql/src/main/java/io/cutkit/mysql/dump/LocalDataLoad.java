package io.cutkit.mysql.dump;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs {@code LOAD DATA LOCAL INFILE} with the rows taken from a stream cutkit opened, never from a
 * file the server names. The loading connections are opened with {@code allowLoadLocalInfile=false}
 * and {@code allowLoadLocalInfileInPath} set to an empty private directory ({@link #jail()}): that
 * makes the driver offer LOCAL loads to the server while limiting any file the server could ask for
 * (during connection set-up or any other statement) to that empty directory. Only for the one LOAD
 * statement is {@code allowLoadLocalInfile} switched on with cutkit's stream installed on the
 * session, so the server's LOCAL request is answered from that stream whatever file name it sends;
 * both are reset before returning. Costs nothing beyond the statement itself.
 */
final class LocalDataLoad {

    private LocalDataLoad() {
    }

    /** A new empty directory only this user can enter, for {@code allowLoadLocalInfileInPath}; delete it after the load. */
    static Path jail() {
        try {
            if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // Windows: the user's temp folder is already private to the user
                return Files.createTempDirectory("cutkit-no-local-files-");
            }
            return Files.createTempDirectory("cutkit-no-local-files-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a private temporary directory: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} (a LOAD DATA LOCAL statement) feeding {@code rows}; returns the rows the server reports loaded. */
    static long load(Connection c, String sql, InputStream rows) throws SQLException {
        RuntimeProperty<Boolean> allow = c.unwrap(JdbcConnection.class).getPropertySet()
                .getBooleanProperty(PropertyKey.allowLoadLocalInfile);
        try (Statement st = c.createStatement()) {
            JdbcStatement driverStatement = st.unwrap(JdbcStatement.class);
            driverStatement.setLocalInfileInputStream(rows);
            allow.setValue(true);
            try {
                st.execute(sql);
                return st.getLargeUpdateCount();
            } finally {
                allow.setValue(false);
                driverStatement.setLocalInfileInputStream(null);
            }
        }
    }
}
