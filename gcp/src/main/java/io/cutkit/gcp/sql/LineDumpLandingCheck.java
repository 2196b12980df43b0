package io.cutkit.gcp.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link DumpLandingCheck} for files written by mysqldump, mariadb-dump and Cloud SQL's export,
 * which put each {@code CREATE DATABASE} and {@code USE} on a line of its own: it looks at the first
 * 512 bytes of every line only, so memory stays constant whatever the length of INSERT lines.
 * Statements are counted as lines ending in {@code ;} (approximate for DELIMITER blocks). It does
 * not parse SQL: a {@code USE} inside a multi-line string literal would be reported too, which errs
 * on the side of refusing.
 */
public final class LineDumpLandingCheck implements DumpLandingCheck {

    private static final int HEAD = 512;
    private static final Pattern USE = Pattern.compile("(?i)^USE\\s+(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)\\s*;");
    private static final Pattern CREATE = Pattern.compile(
            "(?i)^CREATE\\s+(?:DATABASE|SCHEMA)\\s+(?:/\\*!\\d+\\s*)?(?:IF\\s+NOT\\s+EXISTS\\s*)?(?:\\*/\\s*)?"
                    + "(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)");

    private LineDumpLandingCheck() {
    }

    public static LineDumpLandingCheck create() {
        return new LineDumpLandingCheck();
    }

    @Override
    public DumpLanding inspect(InputStream dump, String sourceName) {
        List<DumpLanding.DatabaseMention> mentions = new ArrayList<>();
        byte[] head = new byte[HEAD];
        byte[] buffer = new byte[1 << 16];
        int headLength = 0;
        int last = -1;
        long line = 1;
        long statements = 0;
        try {
            for (int n; (n = dump.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        statements += endOfLine(head, headLength, last, line, mentions);
                        headLength = 0;
                        last = -1;
                        line++;
                        continue;
                    }
                    if (headLength < HEAD) {
                        head[headLength++] = b;
                    }
                    if (b != '\r' && b != ' ' && b != '\t') {
                        last = b;
                    }
                }
            }
            statements += endOfLine(head, headLength, last, line, mentions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + sourceName, e);
        }
        return new DumpLanding(mentions, statements);
    }

    private static int endOfLine(byte[] head, int length, int last, long line, List<DumpLanding.DatabaseMention> out) {
        if (length >= 3 && (head[0] == 'U' || head[0] == 'u' || head[0] == 'C' || head[0] == 'c')) {
            String text = new String(head, 0, length, StandardCharsets.UTF_8).stripLeading();
            Matcher use = USE.matcher(text);
            Matcher create = CREATE.matcher(text);
            if (use.find()) {
                out.add(new DumpLanding.DatabaseMention(line, "USE", unquote(use.group(1))));
            } else if (create.find()) {
                out.add(new DumpLanding.DatabaseMention(line, "CREATE DATABASE", unquote(create.group(1))));
            }
        }
        return last == ';' ? 1 : 0;
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    @Override
    public String toString() {
        return "LineDumpLandingCheck";
    }
}
