package io.cutkit.mysql.dump;

/** What an import does with {@code USE}, {@code CREATE DATABASE} and {@code ALTER DATABASE} statements naming another database than the target. */
public enum ForeignDatabasePolicy {
    /** Rewrite them to the target (allowed only when the dump names a single database). */
    REWRITE_TO_TARGET,
    /** Refuse the dump before changing anything. */
    REFUSE
}
