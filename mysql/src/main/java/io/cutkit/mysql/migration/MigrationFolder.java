package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Lists the files directly in a migrations folder, in name order, and reads the migrations among them. */
final class MigrationFolder {

    /** Reads one file of the folder: the migration it holds, or empty for a file to ignore. */
    @FunctionalInterface
    interface FileReader {
        Optional<Migration> read(String fileName, Path file) throws IOException;
    }

    private MigrationFolder() {
    }

    /**
     * The migrations {@code reader} finds in {@code directory}; {@code factory} and {@code holding} name the
     * caller and what the folder should hold, for the message when it does not exist.
     */
    static List<Migration> read(Path directory, String factory, String holding, FileReader reader) {
        if (!Files.isDirectory(directory)) {
            throw new MigrationException("Migration directory " + directory.toAbsolutePath()
                    + " does not exist or is not a directory; point " + factory + " at the folder holding " + holding + ".");
        }
        List<Migration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file)) {
                    reader.read(file.getFileName().toString(), file).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new MigrationException("Cannot read migrations from " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return found;
    }
}
