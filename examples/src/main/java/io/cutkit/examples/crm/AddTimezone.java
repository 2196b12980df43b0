package io.cutkit.examples.crm;

import io.cutkit.mysql.migration.JavaMigration;
import io.cutkit.mysql.migration.MigrationContext;
import java.sql.SQLException;
import java.util.Objects;

/** The fork's second migration: a nullable {@code leads.timezone} column. One ALTER TABLE. */
public final class AddTimezone implements JavaMigration {

    private final String name;

    /** The migration named {@code name} (e.g. {@code 056-add-timezone}). */
    public AddTimezone(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void apply(MigrationContext context) throws SQLException {
        context.execute("ALTER TABLE `leads` ADD COLUMN `timezone` VARCHAR(64) NULL");
    }
}
