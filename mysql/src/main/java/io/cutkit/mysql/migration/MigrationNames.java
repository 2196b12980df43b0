package io.cutkit.mysql.migration;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and rewrites the numeric prefix of migration names ({@code 046-add-x}, {@code V3__y}, {@code 20240101_z}). */
final class MigrationNames {

    private static final Pattern PREFIX = Pattern.compile("^([Vv]?)(\\d{1,18})");
    private static final Pattern SCRIPT_EXTENSION =
            Pattern.compile("\\.(js|cjs|mjs|ts|cts|mts|sql|rb|py|coffee|class|java)$", Pattern.CASE_INSENSITIVE);

    private MigrationNames() {
    }

    static OptionalLong version(String name) {
        Matcher m = PREFIX.matcher(name);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    /** The digits as written, e.g. {@code 046}; empty string when there is no prefix. */
    static String versionDigits(String name) {
        Matcher m = PREFIX.matcher(name);
        return m.find() ? m.group(2) : "";
    }

    /** {@code name} with its numeric prefix replaced by {@code version}, zero-padded to the old width. */
    static String renumber(String name, long version) {
        Matcher m = PREFIX.matcher(name);
        if (!m.find()) {
            return version + "-" + name;
        }
        String digits = String.valueOf(version);
        int width = m.group(2).length();
        if (digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return m.group(1) + digits + name.substring(m.end());
    }

    /** Drops a script extension ({@code .js}, {@code .sql}, ...) so names recorded by other tools match file names. */
    static String logicalName(String recorded) {
        return SCRIPT_EXTENSION.matcher(recorded).replaceFirst("");
    }
}
