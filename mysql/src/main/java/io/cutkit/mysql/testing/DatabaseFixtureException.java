package io.cutkit.mysql.testing;

/**
 * The test database fixture could not start a server, reach it, or run a statement on it. The
 * message names the server and what to check next.
 */
public class DatabaseFixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseFixtureException(String message) {
        super(message);
    }

    public DatabaseFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
