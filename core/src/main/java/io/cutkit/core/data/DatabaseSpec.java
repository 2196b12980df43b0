package io.cutkit.core.data;

import java.util.Objects;

/** A database's name with its default character set and collation, as a server reports them. */
public record DatabaseSpec(String name, String characterSet, String collation) {

    public DatabaseSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(characterSet, "characterSet");
        Objects.requireNonNull(collation, "collation");
    }

    /** The same character set and collation under another name. */
    public DatabaseSpec renamed(String newName) {
        return new DatabaseSpec(newName, characterSet, collation);
    }
}
