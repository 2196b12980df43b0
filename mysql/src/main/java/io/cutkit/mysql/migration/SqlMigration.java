package io.cutkit.mysql.migration;

import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementSplitter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A migration whose content is a SQL script; its statements, read as the {@code mariadb} client reads
 * them ({@link StatementSplitter}), run one by one in script order.
 */
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
        try (StatementSplitter statements = StatementSplitter.over(
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)))) {
            for (ScriptStatement s; (s = statements.next()) != null; ) {
                context.execute(s.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read migration " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SqlMigration[" + name + " from " + origin + "]";
    }
}
