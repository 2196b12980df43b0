package io.cutkit.mysql.dump;

import io.cutkit.mysql.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-process export or import for {@link ExportImportFaultsIT}, connecting to the server named by
 * {@code CUTKIT_CHILD_URL}, {@code CUTKIT_CHILD_USER} and {@code CUTKIT_CHILD_PASSWORD}.
 * {@code export <database> <file>} prints {@code exported <rows>} at its first progress report and
 * then stalls there until killed; {@code export-through <database> <file>} runs to the end;
 * {@code import <dump> <target>} commits every 256 KiB, so a test
 * can watch the staging database fill and kill the process part-way.
 */
public final class ExportImportChild {

    private ExportImportChild() {
    }

    public static void main(String[] args) {
        ServerAddress server = ServerAddress.of(System.getenv("CUTKIT_CHILD_URL"), System.getenv("CUTKIT_CHILD_USER"),
                System.getenv("CUTKIT_CHILD_PASSWORD"));
        if (args[0].equals("export")) {
            JdbcSnapshotExporter.builder(server).workers(2).progress(progress -> {
                System.out.println("exported " + progress.rows());
                System.out.flush();
                ChildJvm.stallUntilKilled();
            }).build().export(List.of(args[1]), Path.of(args[2]).toUri());
        } else if (args[0].equals("export-through")) {
            JdbcSnapshotExporter.builder(server).workers(2).build().export(List.of(args[1]), Path.of(args[2]).toUri());
        } else {
            JdbcSnapshotImporter.builder(server).workers(2).commitBytes(256 << 10).definers(DefinerPolicy.strip())
                    .build().importPath(Path.of(args[1]), args[2]);
        }
        System.out.println("finished");
    }
}
