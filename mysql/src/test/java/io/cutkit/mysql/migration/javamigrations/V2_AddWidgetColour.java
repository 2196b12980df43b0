package io.cutkit.mysql.migration.javamigrations;

import io.cutkit.mysql.migration.JavaMigration;
import io.cutkit.mysql.migration.MigrationContext;

import java.sql.SQLException;

/** A Java migration found on the classpath next to a SQL one. */
public class V2_AddWidgetColour implements JavaMigration {

    @Override
    public void apply(MigrationContext context) throws SQLException {
        context.execute("ALTER TABLE `widgets` ADD COLUMN `colour` VARCHAR(20) NULL");
        context.update("INSERT INTO `widgets` (`id`, `colour`) VALUES (?, ?)", 1, "blue");
    }
}
