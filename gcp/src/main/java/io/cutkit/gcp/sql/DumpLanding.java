package io.cutkit.gcp.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a dump's data will land: every statement that creates or selects a database
 * ({@code CREATE DATABASE}, {@code USE}), with its line, in order; how many statements the dump
 * holds; and what makes it unfit to import at all (truncated, not SQL), as readable sentences.
 */
public record DumpLanding(List<DatabaseMention> mentions, long statements, List<String> damage) {

    public DumpLanding {
        mentions = List.copyOf(mentions);
        damage = List.copyOf(damage);
    }

    /** An undamaged dump. */
    public DumpLanding(List<DatabaseMention> mentions, long statements) {
        this(mentions, statements, List.of());
    }

    /** One statement that names a database. */
    public record DatabaseMention(long line, String statement, String database) {
    }

    /** The databases named, in order of first appearance. */
    public Set<String> databases() {
        Set<String> names = new LinkedHashSet<>();
        mentions.forEach(m -> names.add(m.database()));
        return names;
    }
}
