package io.cutkit.gcp.sql;

import java.io.InputStream;

/**
 * Reads a dump (already decompressed) and says which databases it creates or selects, so an
 * importer can refuse a dump whose {@code USE} would put the data somewhere else than asked.
 * Implementations must not close the stream and must not keep it.
 */
@FunctionalInterface
public interface DumpLandingCheck {

    /** Scans {@code dump} (named {@code sourceName} in messages) once. */
    DumpLanding inspect(InputStream dump, String sourceName);
}
