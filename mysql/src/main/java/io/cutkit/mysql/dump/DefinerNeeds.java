package io.cutkit.mysql.dump;

import io.cutkit.mysql.account.RequiredPrivilege;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementHead.Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the DEFINER of a view, trigger, routine or event needs at run time, read from its
 * {@code CREATE} statement: SELECT on the tables it reads ({@code FROM}, {@code JOIN}), INSERT, UPDATE,
 * DELETE on those it writes (with SELECT, since their conditions read them), DROP for TRUNCATE,
 * EXECUTE for what it CALLs; a trigger also needs TRIGGER on its table and SELECT (UPDATE for
 * {@code SET NEW.col}) on it when its body uses OLD or NEW columns; an event needs EVENT. A
 * {@code SQL SECURITY INVOKER} view or routine runs with its caller's privileges and needs nothing of
 * its definer.
 *
 * <p>The reading is lexical and errs on the side of needing more: a CTE name or a {@code FROM} inside
 * {@code EXTRACT(... FROM col)} counts as a table, which only matters for table-level grants.
 */
final class DefinerNeeds {

    private static final Set<String> INSERT_MODIFIERS = Set.of("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO");
    private static final Set<String> DELETE_MODIFIERS = Set.of("LOW_PRIORITY", "QUICK", "IGNORE");
    private static final Set<String> NOT_ALIASES = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "RIGHT",
            "INNER", "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN", "ON", "USING", "HAVING", "UNION", "WINDOW", "FOR",
            "LOCK", "INTO", "SET", "VALUES", "PARTITION", "USE", "FORCE", "IGNORE", "END", "EXCEPT", "INTERSECT", "RETURN");

    private DefinerNeeds() {
    }

    /** The privileges the definer of an object of {@code objectType} created by {@code createStatement} needs. */
    static Set<RequiredPrivilege> of(String objectType, String createStatement) {
        List<Token> t = StatementHead.tokenize(createStatement, Integer.MAX_VALUE);
        Set<RequiredPrivilege> needs = new LinkedHashSet<>();
        String type = objectType.toUpperCase(Locale.ROOT);
        if (!type.equals("TRIGGER") && !type.equals("EVENT") && invokerSecurity(t)) {
            return needs;
        }
        int body = 0;
        if (type.equals("TRIGGER")) {
            body = trigger(t, needs);
        } else if (type.equals("EVENT")) {
            needs.add(new RequiredPrivilege("EVENT", null, null));
            body = indexOfWord(t, "DO", 0) + 1;
        }
        statements(t, Math.max(body, 0), needs);
        return needs;
    }

    private static boolean invokerSecurity(List<Token> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (is(t.get(i), "SQL") && is(t.get(i + 1), "SECURITY") && is(t.get(i + 2), "INVOKER")) {
                return true;
            }
        }
        return false;
    }

    /** Adds what a trigger needs on its own table and returns where its body starts. */
    private static int trigger(List<Token> t, Set<RequiredPrivilege> needs) {
        int on = indexOfWord(t, "ON", indexOfWord(t, "TRIGGER", 0));
        Name subject = on < 0 ? null : Name.at(t, on + 1);
        if (subject == null) {
            return t.size();
        }
        needs.add(new RequiredPrivilege("TRIGGER", subject.schema, subject.table));
        int body = indexOfWord(t, "ROW", on);
        if (body < 0) {
            return t.size();
        }
        for (int i = body + 1; i + 1 < t.size(); i++) {
            if ((is(t.get(i), "NEW") || is(t.get(i), "OLD")) && t.get(i + 1).value().equals(".")) {
                needs.add(new RequiredPrivilege("SELECT", subject.schema, subject.table));
                if (i > 0 && is(t.get(i - 1), "SET") && is(t.get(i), "NEW")) {
                    needs.add(new RequiredPrivilege("UPDATE", subject.schema, subject.table));
                }
            }
        }
        return body + 1;
    }

    private static void statements(List<Token> t, int from, Set<RequiredPrivilege> needs) {
        Name lastInserted = null;
        for (int i = from; i < t.size(); i++) {
            switch (t.get(i).upper()) {
                case "INSERT" -> {
                    lastInserted = Name.at(t, skip(t, i + 1, INSERT_MODIFIERS));
                    add(needs, lastInserted, "INSERT");
                }
                case "REPLACE" -> add(needs, Name.at(t, skip(t, i + 1, INSERT_MODIFIERS)), "INSERT", "DELETE");
                case "UPDATE" -> {
                    if (i > 0 && is(t.get(i - 1), "KEY")) { // ON DUPLICATE KEY UPDATE
                        add(needs, lastInserted, "UPDATE");
                    } else if (i == 0 || !is(t.get(i - 1), "FOR")) { // SELECT ... FOR UPDATE names no table

                        add(needs, Name.at(t, skip(t, i + 1, DELETE_MODIFIERS)), "UPDATE", "SELECT");
                    }
                }
                case "DELETE" -> {
                    int at = skip(t, i + 1, DELETE_MODIFIERS);
                    if (at < t.size() && is(t.get(at), "FROM")) {
                        add(needs, Name.at(t, at + 1), "DELETE", "SELECT");
                        i = at;
                    }
                }
                case "FROM", "JOIN" -> i = tableList(t, i + 1, needs);
                case "CALL" -> {
                    if (Name.at(t, i + 1) != null) {
                        needs.add(new RequiredPrivilege("EXECUTE", null, null));
                    }
                }
                case "TRUNCATE" -> add(needs, Name.at(t, skip(t, i + 1, Set.of("TABLE"))), "DROP");
                default -> {
                }
            }
        }
    }

    /** Reads {@code a [AS] x, b y, ...} after FROM or JOIN, adding SELECT on each; returns the last index read. */
    private static int tableList(List<Token> t, int i, Set<RequiredPrivilege> needs) {
        while (true) {
            Name name = Name.at(t, i);
            if (name == null || name.schema == null && name.table.equalsIgnoreCase("DUAL")) {
                return i - 1;
            }
            add(needs, name, "SELECT");
            int j = name.end;
            if (j < t.size() && is(t.get(j), "AS")) {
                j++;
            }
            if (j < t.size() && t.get(j).name() && !NOT_ALIASES.contains(t.get(j).upper())) {
                j++;
            }
            if (j >= t.size() || !t.get(j).value().equals(",")) {
                return j - 1;
            }
            i = j + 1;
        }
    }

    private static void add(Set<RequiredPrivilege> needs, Name name, String... privileges) {
        if (name == null) {
            return;
        }
        for (String privilege : privileges) {
            needs.add(new RequiredPrivilege(privilege, name.schema, name.table));
        }
    }

    private static int skip(List<Token> t, int i, Set<String> words) {
        while (i < t.size() && words.contains(t.get(i).upper())) {
            i++;
        }
        return i;
    }

    private static boolean is(Token token, String word) {
        return token.upper().equals(word);
    }

    private static int indexOfWord(List<Token> t, String word, int from) {
        for (int i = Math.max(from, 0); i < t.size(); i++) {
            if (is(t.get(i), word)) {
                return i;
            }
        }
        return -1;
    }

    /** A table name, maybe qualified, and the index after it. */
    private record Name(String schema, String table, int end) {
        static Name at(List<Token> t, int i) {
            if (i >= t.size() || !t.get(i).name()) {
                return null;
            }
            if (i + 2 < t.size() && t.get(i + 1).value().equals(".") && t.get(i + 2).name()) {
                return new Name(t.get(i).value(), t.get(i + 2).value(), i + 3);
            }
            return new Name(null, t.get(i).value(), i + 1);
        }
    }
}
