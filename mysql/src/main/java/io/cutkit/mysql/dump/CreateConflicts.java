package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The objects a script creates in a way the {@code mariadb} client fails on when the target already
 * holds one of that name: {@code CREATE TABLE}, {@code VIEW}, {@code PROCEDURE}, {@code FUNCTION},
 * {@code TRIGGER} or {@code EVENT} without {@code OR REPLACE} or {@code IF NOT EXISTS}, and no
 * {@code DROP} of it (or of the database, or of a trigger's table) before it. Fed every statement in
 * file order, then {@link #against checked against the target} before anything changes.
 */
final class CreateConflicts {

    /** Tables and views share one namespace. */
    private static final String RELATION = "TABLE";
    private static final Set<String> DROP_LIST_WORDS = Set.of("TEMPORARY", "TABLE", "TABLES", "VIEW", "IF", "EXISTS");

    private record Event(long line, String type, String name, String triggerTable) {
    }

    private final List<Event> creates = new ArrayList<>();
    private final List<Event> drops = new ArrayList<>();
    private long databaseDroppedAt = Long.MAX_VALUE;

    /** Notes {@code s}; {@code ownDatabase}: it names the dump's own database, or none. */
    void note(ScriptStatement s, StatementHead head, boolean ownDatabase) {
        if (!ownDatabase) {
            return;
        }
        switch (head.kind()) {
            case DROP_DATABASE -> databaseDroppedAt = Math.min(databaseDroppedAt, s.line());
            case DROP_TABLE, DROP_VIEW -> listedNames(s.text()).forEach(n -> drops.add(new Event(s.line(), RELATION, n, null)));
            case DROP_PROGRAM -> {
                if (head.name() != null) {
                    drops.add(new Event(s.line(), objectType(head), head.name(), null));
                }
            }
            case CREATE_TABLE, CREATE_VIEW, CREATE_ROUTINE, CREATE_TRIGGER, CREATE_EVENT -> {
                if (head.name() == null || temporary(s)) {
                    return;
                }
                String type = head.kind() == StatementKind.CREATE_TABLE || head.kind() == StatementKind.CREATE_VIEW
                        ? RELATION : objectType(head);
                if (head.kind() == StatementKind.CREATE_TABLE) {
                    drops.add(new Event(s.line(), RELATION + " replaced", head.name(), null)); // for triggers on it
                }
                if (!replacesOrSkips(s)) {
                    String table = head.kind() == StatementKind.CREATE_TRIGGER ? ParallelLoader.triggerTable(s.text()) : null;
                    creates.add(new Event(s.line(), type, head.name(), table));
                }
            }
            default -> {
            }
        }
    }

    /**
     * The creates that fail on {@code server}'s database {@code target} as it is now: each object's
     * first create, when the target holds one of that name that nothing before it dropped.
     */
    List<DumpVerdict> against(TargetServer server, String target) {
        if (creates.isEmpty()) {
            return List.of();
        }
        boolean caseSensitive = server.lowerCaseTableNames() == 0;
        Set<String> tables = server.tableNames(target);
        List<TargetServer.StoredProgram> programs = server.storedPrograms(target);
        List<DumpVerdict> verdicts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Event create : creates) {
            if (create.line() > databaseDroppedAt || !seen.add(key(create.type(), create.name(), caseSensitive))
                    || droppedBefore(create.type(), create.name(), create.line(), caseSensitive)) {
                continue;
            }
            boolean held = switch (create.type()) {
                case RELATION -> tables.contains(create.name());
                case "TRIGGER" -> programs.stream().anyMatch(p -> p.type().equals("TRIGGER")
                        && same(p.name(), create.name(), caseSensitive)
                        && !droppedBefore(RELATION, p.table(), create.line(), caseSensitive)
                        && !droppedBefore(RELATION + " replaced", p.table(), create.line(), caseSensitive));
                default -> programs.stream().anyMatch(p -> p.type().equals(create.type()) && same(p.name(), create.name(), false));
            };
            if (held) {
                verdicts.add(new DumpVerdict.ObjectExists(create.line(), create.type(), create.name(), target));
            }
        }
        return verdicts;
    }

    private boolean droppedBefore(String type, String name, long line, boolean caseSensitive) {
        boolean folds = !caseSensitive || !(type.startsWith(RELATION) || type.equals("TRIGGER"));
        return drops.stream().anyMatch(d -> d.line() < line && d.type().equals(type) && same(d.name(), name, !folds));
    }

    /** Routines and events compare without case; tables, views and triggers as the server's {@code lower_case_table_names} says. */
    private static String key(String type, String name, boolean caseSensitive) {
        boolean folds = !caseSensitive || !(type.equals(RELATION) || type.equals("TRIGGER"));
        return type + " " + (folds ? name.toLowerCase(Locale.ROOT) : name);
    }

    private static boolean same(String a, String b, boolean caseSensitive) {
        return a != null && b != null && (caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b));
    }

    /** {@code PROCEDURE}, {@code FUNCTION}, {@code TRIGGER} or {@code EVENT}: the second word of the verb. */
    private static String objectType(StatementHead head) {
        return head.verb().substring(head.verb().indexOf(' ') + 1);
    }

    private static boolean temporary(ScriptStatement s) {
        return StatementHead.tokenize(s.text(), 6).stream().anyMatch(t -> t.word() && t.upper().equals("TEMPORARY"));
    }

    /** Whether a CREATE carries OR REPLACE (before its object type) or IF NOT EXISTS (after it). */
    private static boolean replacesOrSkips(ScriptStatement s) {
        List<StatementHead.Token> tokens = StatementHead.tokenize(s.text(), 60);
        for (int i = 1; i < tokens.size(); i++) {
            String word = tokens.get(i).word() ? tokens.get(i).upper() : "";
            if (word.equals("REPLACE") && tokens.get(i - 1).upper().equals("OR")) {
                return true;
            }
            if (Set.of("TABLE", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT").contains(word)) {
                return i + 3 < tokens.size() && tokens.get(i + 1).upper().equals("IF")
                        && tokens.get(i + 2).upper().equals("NOT") && tokens.get(i + 3).upper().equals("EXISTS");
            }
        }
        return false;
    }

    /** The names of a {@code DROP [TEMPORARY] TABLE|TABLES|VIEW [IF EXISTS] a, b, ...} (without their database). */
    private static List<String> listedNames(String text) {
        List<StatementHead.Token> tokens = StatementHead.tokenize(text, 4096);
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < tokens.size() && tokens.get(i).word() && DROP_LIST_WORDS.contains(tokens.get(i).upper())) {
            i++;
        }
        while (i < tokens.size() && tokens.get(i).name()) {
            if (i + 2 < tokens.size() && tokens.get(i + 1).value().equals(".") && tokens.get(i + 2).name()) {
                i += 2;
            }
            names.add(tokens.get(i).value());
            i++;
            if (i >= tokens.size() || !tokens.get(i).value().equals(",")) {
                break;
            }
            i++;
        }
        return names;
    }
}
