package io.cutkit.examples;

/** Where the application sends its writes; the online data move turns them at the switch, a rollback turns them back. */
public interface WriteRouting {

    /** From now on the application writes to the destination database. */
    void toDestination();

    /** From now on the application writes to the source database again. */
    void toSource();
}
