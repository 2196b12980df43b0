package io.cutkit.mysql.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A fresh database created for one test by {@link DatabaseExtension} and dropped after it.
 *
 * @param server the server it lives on
 * @param name its (unique) name
 * @param dataSource a non-pooled data source selecting it
 */
public record TestDatabase(DatabaseServer server, String name, DataSource dataSource) {

    /**
     * Opens a new connection with this database selected; the caller closes it.
     *
     * @throws SQLException when the server refuses the connection
     */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }
}
