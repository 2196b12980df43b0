package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementKind;

/** A statement in a dump that names a database: {@code USE}, {@code CREATE DATABASE}, {@code ALTER DATABASE}, {@code DROP DATABASE}. */
public record DatabaseReference(long line, StatementKind statement, String database) {
}
