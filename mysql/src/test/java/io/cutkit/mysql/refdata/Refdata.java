package io.cutkit.mysql.refdata;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.cutkit.mysql.testing.ClientImport;
import io.cutkit.mysql.testing.DatabaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared reference data ({@code shared/refdata} beside the checkout) as the tests of every module
 * see it: where it is, what its manifest says, and an import of its dump by the real {@code mariadb}
 * client. Tests take names and figures from here, never from literals, so that they also run on a
 * variant of the data with other names, collations and sizes.
 */
public final class Refdata {

    private static JsonNode manifest;

    private Refdata() {
    }

    /** The refdata folder: {@code shared/refdata} in or beside a folder above the working directory. */
    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {p.resolve("shared/refdata"), p.resolve("../shared/refdata")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("No shared/refdata folder above " + Path.of("").toAbsolutePath()
                + "; clone the repository with shared/ beside it");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** manifest.json, parsed once. */
    public static synchronized JsonNode manifest() {
        if (manifest == null) {
            manifest = new ObjectMapper().readTree(file("manifest.json").toFile());
        }
        return manifest;
    }

    /** A manifest value by its path of keys, e.g. {@code at("database", "collation")}; fails if absent. */
    public static JsonNode at(String... keys) {
        JsonNode node = manifest();
        for (String key : keys) {
            node = node.path(key);
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException("manifest.json has no " + String.join(".", keys));
        }
        return node;
    }

    public static String text(String... keys) {
        return at(keys).asString();
    }

    public static long number(String... keys) {
        return at(keys).asLong();
    }

    /** The dump file the manifest names. */
    public static Path dump() {
        return file(text("dump", "file"));
    }

    /** The database the dump creates and selects. */
    public static String databaseName() {
        return text("database", "name");
    }

    /** Table name to row count, in manifest order. */
    public static Map<String, Long> tables() {
        Map<String, Long> rows = new LinkedHashMap<>();
        at("tables").properties().forEach(e -> rows.put(e.getKey(), e.getValue().asLong()));
        return rows;
    }

    /** The dump's DEFINER accounts as the dump writes them, {@code `user`@`host`}. */
    public static List<String> definers() {
        List<String> definers = new ArrayList<>();
        at("dump", "definers").forEach(d -> definers.add(d.asString()));
        return definers;
    }

    /** The text values of a manifest list's objects under {@code field}, e.g. view names. */
    public static List<String> names(String list, String field) {
        List<String> names = new ArrayList<>();
        manifest().path(list).forEach(item -> names.add(item.path(field).asString()));
        return names;
    }

    /** A name quoted as MySQL identifiers are ({@code `a``b`}). */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Feeds the dump to the server's {@code mariadb} client with its CREATE DATABASE dropped and its USE
     * statements pointed at {@code database} (which must exist), so the data lands there
     * ({@link ClientImport}).
     */
    public static void importWithClient(DatabaseServer server, String database) {
        ClientImport.load(server, dump(), database);
    }
}
