package io.cutkit.mysql.script;

/**
 * What a script statement does, judged from its first words (executable-comment markers ignored).
 * Kinds cutkit treats specially have their own constant; every other statement the server accepts is
 * {@link #OTHER}, and text no MySQL or MariaDB statement starts with is {@link #NOT_SQL}.
 */
public enum StatementKind {
    /** {@code INSERT} or {@code REPLACE}: table data. */
    INSERT,
    /** {@code CREATE TABLE}. */
    CREATE_TABLE,
    /** {@code DROP TABLE}. */
    DROP_TABLE,
    /** {@code CREATE DATABASE} / {@code CREATE SCHEMA}. */
    CREATE_DATABASE,
    /** {@code DROP DATABASE} / {@code DROP SCHEMA}. */
    DROP_DATABASE,
    /** {@code ALTER DATABASE} / {@code ALTER SCHEMA} (mysqldump writes it around stored programs). */
    ALTER_DATABASE,
    /** {@code USE db}. */
    USE,
    /** {@code SET ...} (session or global variables, names). */
    SET,
    /** {@code LOCK TABLES}. */
    LOCK_TABLES,
    /** {@code UNLOCK TABLES}. */
    UNLOCK_TABLES,
    /** {@code ALTER TABLE t DISABLE KEYS} / {@code ENABLE KEYS}. */
    ALTER_TABLE_KEYS,
    /** Any other {@code ALTER TABLE}. */
    ALTER_TABLE,
    /** {@code CREATE VIEW}. */
    CREATE_VIEW,
    /** {@code DROP VIEW}. */
    DROP_VIEW,
    /** {@code CREATE TRIGGER}. */
    CREATE_TRIGGER,
    /** {@code CREATE PROCEDURE} or {@code CREATE FUNCTION}. */
    CREATE_ROUTINE,
    /** {@code CREATE EVENT}. */
    CREATE_EVENT,
    /** {@code DROP TRIGGER}, {@code DROP PROCEDURE}, {@code DROP FUNCTION}, {@code DROP EVENT}. */
    DROP_PROGRAM,
    /** {@code CREATE USER}, {@code GRANT} and other account statements. */
    ACCOUNT,
    /** Any other statement ({@code CREATE INDEX}, {@code ALTER VIEW}, {@code SELECT}, ...): runs as it is, in file order. */
    OTHER,
    /** Text whose first word starts no MySQL or MariaDB statement: not SQL. */
    NOT_SQL,
    /**
     * The client command {@code source file} / {@code \. file}: the named file's statements run in
     * its place ({@link ScriptFiles} follows it); {@link StatementHead#name()} is the file as written.
     */
    SOURCE
}
