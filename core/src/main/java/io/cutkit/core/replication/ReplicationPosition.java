package io.cutkit.core.replication;

import java.util.Objects;

/**
 * A point in a server's change stream: where a snapshot was taken, where a primary stopped, where a
 * replica starts. On MariaDB a GTID position ({@code 0-1-42}, one GTID per domain); on MySQL a GTID
 * set ({@code uuid:1-42}) or, without GTIDs, a binary log file and byte offset.
 *
 * @param flavour which server family the position belongs to
 * @param gtids the GTID position or set; empty when the position is a binary log file and offset
 * @param binlogFile binary log file name; empty when {@code gtids} is set
 * @param binlogOffset byte offset in {@code binlogFile}; 0 when {@code gtids} is set
 */
public record ReplicationPosition(Flavour flavour, String gtids, String binlogFile, long binlogOffset) {

    /** The server family whose positions and statements apply. */
    public enum Flavour { MARIADB, MYSQL }

    public ReplicationPosition {
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(gtids, "gtids");
        Objects.requireNonNull(binlogFile, "binlogFile");
        if (!gtids.isEmpty() && !binlogFile.isEmpty()) {
            throw new IllegalArgumentException("A position is either GTIDs or a binary log file and offset, got gtids='"
                    + gtids + "', file='" + binlogFile + "'");
        }
        if (gtids.matches(".*[\\s'\"\\\\;].*") || binlogFile.matches(".*[\\s'\"\\\\;/].*")) {
            throw new IllegalArgumentException("Not a replication position: '" + gtids + binlogFile + "'");
        }
        if (binlogOffset < 0) {
            throw new IllegalArgumentException("binlogOffset must not be negative, got " + binlogOffset);
        }
    }

    /** A MariaDB GTID position such as {@code 0-1-42} (empty for a server that has not logged anything yet). */
    public static ReplicationPosition mariaDbGtid(String gtidPosition) {
        return new ReplicationPosition(Flavour.MARIADB, gtidPosition.replace("\n", "").strip(), "", 0);
    }

    /** A MySQL GTID set such as {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42}. */
    public static ReplicationPosition mySqlGtids(String gtidSet) {
        return new ReplicationPosition(Flavour.MYSQL, gtidSet.replace("\n", "").strip(), "", 0);
    }

    /** A binary log file and byte offset, for MySQL servers without GTIDs. */
    public static ReplicationPosition binlog(Flavour flavour, String file, long offset) {
        return new ReplicationPosition(flavour, "", file, offset);
    }

    /** Whether the position is a GTID position or set rather than a file and offset. */
    public boolean usesGtids() {
        return binlogFile.isEmpty();
    }

    /** Short text for reports, e.g. {@code MariaDB GTID 0-1-42} or {@code MySQL binlog.000003:1547}. */
    public String describe() {
        String family = flavour == Flavour.MARIADB ? "MariaDB" : "MySQL";
        return usesGtids() ? family + " GTID " + (gtids.isEmpty() ? "(empty)" : gtids)
                : family + " " + binlogFile + ":" + binlogOffset;
    }
}
