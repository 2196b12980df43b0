package io.cutkit.examples.local;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.util.Objects;

/**
 * The database servers of a local rehearsal: the contractor's, whose default collation is MySQL 8's
 * {@code utf8mb4_0900_ai_ci}, the new stack's, whose default differs ({@code utf8mb4_unicode_ci}), and
 * a scratch server set up like the new stack's, where step 1's dry-run loads its copy (a dry-run
 * never writes to the real source or target). All embedded MariaDB with grant tables, so accounts and
 * DEFINERs behave as on a real server. Starting costs a few seconds the first time in a JVM (unpacking the
 * binaries), about a second per server after that. Reusable across rehearsals: a
 * {@link LocalStage} resets what it uses.
 */
public record StageServers(DatabaseServer source, DatabaseServer destination, DatabaseServer scratch)
        implements AutoCloseable {

    /** The collation the contractor's server defaults to. */
    public static final String SOURCE_COLLATION = "utf8mb4_0900_ai_ci";
    /** The collation the new server defaults to. */
    public static final String DESTINATION_COLLATION = "utf8mb4_unicode_ci";

    public StageServers {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(scratch, "scratch");
    }

    /** Starts the three embedded servers. */
    public static StageServers start() {
        return start(0, 0);
    }

    /**
     * Starts the three embedded servers, source and destination with binary logs (row format) and
     * server ids 1 and 2, so that the destination can replicate from the source and back.
     */
    public static StageServers startReplicating() {
        return start(1, 2);
    }

    private static StageServers start(int sourceServerId, int destinationServerId) {
        DatabaseServer source = startServer(SOURCE_COLLATION, sourceServerId);
        DatabaseServer destination = null;
        try {
            destination = startServer(DESTINATION_COLLATION, destinationServerId);
            return new StageServers(source, destination, startServer(DESTINATION_COLLATION, 0));
        } catch (RuntimeException e) {
            closeQuietly(source);
            if (destination != null) {
                closeQuietly(destination);
            }
            throw e;
        }
    }

    private static DatabaseServer startServer(String collation, int serverId) {
        return EmbeddedMariaDb.builder().characterSet("utf8mb4").collation(collation).grantTables(true)
                .binaryLog(serverId).start();
    }

    @Override
    public void close() {
        closeQuietly(source);
        closeQuietly(destination);
        closeQuietly(scratch);
    }

    private static void closeQuietly(DatabaseServer server) {
        try {
            server.close();
        } catch (Exception e) {
            // a server that does not stop cleanly is deleted with its directory anyway
        }
    }
}
