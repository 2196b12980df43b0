package io.cutkit.mysql.migration;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** A migration whose content is a SQL script; statements run one by one in script order. */
final class SqlMigration implements Migration {

    private final String name;
    private final String origin;
    private final String script;
    private final String checksum;
    private final List<String> checksums;
    private final OptionalLong version;

    SqlMigration(String name, String origin, String script) {
        this.name = Objects.requireNonNull(name, "name");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.script = script;
        this.version = MigrationNames.version(name);
        this.checksum = Checksums.sha256(script);
        this.checksums = List.of(checksum, Checksums.flywayCrc32(script));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong version() {
        return version;
    }

    @Override
    public String checksum() {
        return checksum;
    }

    @Override
    public List<String> checksums() {
        return checksums;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public void apply(MigrationContext context) throws SQLException {
        for (String statement : SqlScript.statements(script)) {
            context.execute(statement);
        }
    }

    @Override
    public String toString() {
        return "SqlMigration[" + name + " from " + origin + "]";
    }
}
