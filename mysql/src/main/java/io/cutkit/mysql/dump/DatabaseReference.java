package io.cutkit.mysql.dump;

/** A statement in a dump that names a database: {@code USE}, {@code CREATE DATABASE}, {@code ALTER DATABASE}, {@code DROP DATABASE}. */
public record DatabaseReference(long line, StatementKind statement, String database) {
}
