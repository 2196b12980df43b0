package io.cutkit.mysql.migration;

import io.cutkit.mysql.dump.ServerAddress;
import java.nio.file.Path;

/**
 * Child-process migration run for {@link MigrationFaultsIT}: applies the migrations of the directory
 * {@code args[0]} to database {@code args[1]} of the server at {@code CUTKIT_CHILD_URL} (with {@code CUTKIT_CHILD_USER} and
 * {@code CUTKIT_CHILD_PASSWORD}), printing {@code migrating} first.
 */
public final class MigrationChild {

    private MigrationChild() {
    }

    public static void main(String[] args) {
        ServerAddress server = ServerAddress.of(System.getenv("CUTKIT_CHILD_URL"), System.getenv("CUTKIT_CHILD_USER"),
                System.getenv("CUTKIT_CHILD_PASSWORD"));
        System.out.println("migrating");
        System.out.flush();
        MySqlMigrationRunner.builder(server.dataSource(args[1], 1)).source(MigrationSource.directory(Path.of(args[0])))
                .build().migrate();
        System.out.println("finished");
    }
}
