package io.cutkit.mysql.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's kind, the object it names ({@code schema} may be null when unqualified) and its
 * {@code verb} (its first keyword, with the object type for {@code CREATE}/{@code ALTER}/{@code DROP}:
 * {@code "CREATE INDEX"}, {@code "SELECT"}), read from its first words with executable-comment markers
 * ({@code /*!50003}, {@code /*M!100616}, {@code *}{@code /}) skipped, so
 * {@code /*!50003 CREATE*}{@code / /*!50017 DEFINER=...*}{@code / /*!50003 TRIGGER t ...} is a
 * {@link StatementKind#CREATE_TRIGGER} named {@code t}. Cheap: looks at the first 2 KB at most.
 */
public record StatementHead(StatementKind kind, String schema, String name, String verb) {

    private static final int MAX_BYTES = 2048;
    private static final int MAX_TOKENS = 40;
    private static final Set<String> INSERT_MODIFIERS = Set.of("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO");
    /** Every word a MySQL or MariaDB statement (compound statements included) can start with. */
    private static final Set<String> STATEMENT_STARTS = Set.of("ALTER", "ANALYZE", "BACKUP", "BEGIN", "BINLOG", "CACHE",
            "CALL", "CASE", "CHANGE", "CHECK", "CHECKSUM", "CLONE", "CLOSE", "COMMIT", "CREATE", "DEALLOCATE", "DECLARE",
            "DELETE", "DESC", "DESCRIBE", "DO", "DROP", "EXECUTE", "EXPLAIN", "FETCH", "FLUSH", "FOR", "GET", "GRANT",
            "HANDLER", "HELP", "IF", "IMPORT", "INSERT", "INSTALL", "ITERATE", "KILL", "LEAVE", "LOAD", "LOCK", "LOOP",
            "OPEN", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR", "REPEAT", "REPLACE", "RESET",
            "RESIGNAL", "RESTART", "RETURN", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN",
            "SIGNAL", "START", "STOP", "TABLE", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "VALUES", "WHILE",
            "WITH", "XA");
    /** Object types named after CREATE, ALTER and DROP, for the verb. */
    private static final Set<String> OBJECT_TYPES = Set.of("DATABASE", "EVENT", "FUNCTION", "INDEX", "LOGFILE",
            "PACKAGE", "PROCEDURE", "ROLE", "SCHEMA", "SEQUENCE", "SERVER", "SPATIAL", "TABLE", "TABLES", "TABLESPACE",
            "TRIGGER", "USER", "VIEW");

    /** A head without a verb, as the kinds cutkit treats specially are compared. */
    public StatementHead(StatementKind kind, String schema, String name) {
        this(kind, schema, name, "");
    }

    /** Classifies the first bytes of a statement. */
    public static StatementHead of(byte[] bytes, int length) {
        String text = new String(bytes, 0, Math.min(length, MAX_BYTES), StandardCharsets.UTF_8);
        List<Token> tokens = tokenize(text, MAX_TOKENS);
        if (tokens.isEmpty()) {
            return new StatementHead(StatementKind.OTHER, null, null, "");
        }
        if (tokens.get(0).value().equals("(")) {
            return new StatementHead(StatementKind.OTHER, null, null, "(");
        }
        if (tokens.size() > 2 && tokens.get(0).name() && tokens.get(1).value().equals(":")) {
            tokens = tokens.subList(2, tokens.size()); // a label before BEGIN, LOOP, ...
        }
        if (!tokens.get(0).word() || !STATEMENT_STARTS.contains(tokens.get(0).upper())) {
            return new StatementHead(StatementKind.NOT_SQL, null, null, "");
        }
        StatementHead head = classify(tokens);
        return new StatementHead(head.kind(), head.schema(), head.name(), verb(tokens));
    }

    private static String verb(List<Token> tokens) {
        String first = tokens.get(0).upper();
        if (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP")) {
            for (int i = 1; i < tokens.size(); i++) {
                if (tokens.get(i).word() && OBJECT_TYPES.contains(tokens.get(i).upper())) {
                    String type = tokens.get(i).upper();
                    return first + " " + (type.equals("SPATIAL") ? "INDEX" : type.equals("SCHEMA") ? "DATABASE" : type);
                }
            }
        }
        return first;
    }

    private static StatementHead classify(List<Token> tokens) {
        String first = tokens.get(0).upper();
        return switch (first) {
            case "INSERT", "REPLACE" -> insert(tokens);
            case "USE" -> named(StatementKind.USE, tokens, 1);
            case "SET" -> new StatementHead(StatementKind.SET, null, null);
            case "LOCK" -> new StatementHead(StatementKind.LOCK_TABLES, null, null);
            case "UNLOCK" -> new StatementHead(StatementKind.UNLOCK_TABLES, null, null);
            case "ALTER" -> alter(tokens);
            case "CREATE" -> create(tokens);
            case "DROP" -> drop(tokens);
            case "GRANT", "REVOKE" -> new StatementHead(StatementKind.ACCOUNT, null, null);
            default -> new StatementHead(StatementKind.OTHER, null, null);
        };
    }

    /** The name as {@code `schema`.`name`} or {@code `name`}, for messages. */
    public String qualifiedName() {
        if (name == null) {
            return "";
        }
        return schema == null ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** Quotes an identifier with backticks, doubling any backtick inside. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static StatementHead insert(List<Token> tokens) {
        int i = 1;
        while (i < tokens.size() && tokens.get(i).word() && INSERT_MODIFIERS.contains(tokens.get(i).upper())) {
            i++;
        }
        return named(StatementKind.INSERT, tokens, i);
    }

    private static StatementHead alter(List<Token> tokens) {
        if (tokens.size() < 3) {
            return new StatementHead(StatementKind.OTHER, null, null);
        }
        String what = tokens.get(1).upper();
        if (what.equals("DATABASE") || what.equals("SCHEMA")) {
            return named(StatementKind.ALTER_DATABASE, tokens, 2);
        }
        int i = 1;
        if (what.equals("ONLINE") || what.equals("IGNORE")) {
            i++;
        }
        if (!tokens.get(i).upper().equals("TABLE")) {
            return new StatementHead(StatementKind.OTHER, null, null);
        }
        StatementHead table = named(StatementKind.ALTER_TABLE, tokens, i + 1);
        int after = i + 2 + (table.schema() != null ? 2 : 0);
        if (after + 1 < tokens.size()) {
            String verb = tokens.get(after).upper();
            if ((verb.equals("DISABLE") || verb.equals("ENABLE")) && tokens.get(after + 1).upper().equals("KEYS")) {
                return new StatementHead(StatementKind.ALTER_TABLE_KEYS, table.schema(), table.name());
            }
        }
        return table;
    }

    private static StatementHead create(List<Token> tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.word()) {
                continue;
            }
            StatementKind kind = switch (t.upper()) {
                case "TABLE" -> StatementKind.CREATE_TABLE;
                case "DATABASE", "SCHEMA" -> StatementKind.CREATE_DATABASE;
                case "VIEW" -> StatementKind.CREATE_VIEW;
                case "TRIGGER" -> StatementKind.CREATE_TRIGGER;
                case "PROCEDURE", "FUNCTION" -> StatementKind.CREATE_ROUTINE;
                case "EVENT" -> StatementKind.CREATE_EVENT;
                case "USER", "ROLE" -> StatementKind.ACCOUNT;
                case "INDEX", "SEQUENCE", "SERVER", "TABLESPACE" -> StatementKind.OTHER;
                default -> null;
            };
            if (kind != null) {
                return named(kind, tokens, skipIfExists(tokens, i + 1));
            }
        }
        return new StatementHead(StatementKind.OTHER, null, null);
    }

    private static StatementHead drop(List<Token> tokens) {
        if (tokens.size() < 2) {
            return new StatementHead(StatementKind.OTHER, null, null);
        }
        int i = 1;
        if (tokens.get(i).upper().equals("TEMPORARY")) {
            i++;
        }
        StatementKind kind = switch (tokens.get(i).upper()) {
            case "TABLE", "TABLES" -> StatementKind.DROP_TABLE;
            case "DATABASE", "SCHEMA" -> StatementKind.DROP_DATABASE;
            case "VIEW" -> StatementKind.DROP_VIEW;
            case "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT" -> StatementKind.DROP_PROGRAM;
            case "USER", "ROLE" -> StatementKind.ACCOUNT;
            default -> StatementKind.OTHER;
        };
        return named(kind, tokens, skipIfExists(tokens, i + 1));
    }

    private static int skipIfExists(List<Token> tokens, int i) {
        int j = i;
        if (j < tokens.size() && tokens.get(j).word() && tokens.get(j).upper().equals("IF")) {
            j++;
            if (j < tokens.size() && tokens.get(j).upper().equals("NOT")) {
                j++;
            }
            if (j < tokens.size() && tokens.get(j).upper().equals("EXISTS")) {
                j++;
            }
        }
        return j;
    }

    private static StatementHead named(StatementKind kind, List<Token> tokens, int i) {
        if (i >= tokens.size() || !tokens.get(i).name()) {
            return new StatementHead(kind, null, null);
        }
        String first = tokens.get(i).value();
        if (i + 2 < tokens.size() && tokens.get(i + 1).value().equals(".") && tokens.get(i + 2).name()) {
            return new StatementHead(kind, first, tokens.get(i + 2).value());
        }
        return new StatementHead(kind, null, first);
    }

    /**
     * Splits {@code s} into words, backtick names, string literals and punctuation, at most
     * {@code maxTokens}; executable-comment markers are skipped, their content kept.
     */
    public static List<Token> tokenize(String s, int maxTokens) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < maxTokens) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 2 < n && s.charAt(i + 1) == '*'
                    && (s.charAt(i + 2) == '!' || s.charAt(i + 2) == 'M' || s.charAt(i + 2) == '+')) {
                i += 2;
                while (i < n && (s.charAt(i) == '!' || s.charAt(i) == 'M' || s.charAt(i) == '+' || Character.isDigit(s.charAt(i)))) {
                    i++;
                }
            } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                i += 2;
            } else if (c == '`' || c == '\'' || c == '"') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && s.charAt(j + 1) == c) {
                            v.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    if (d == '\\' && c != '`' && j + 1 < n) {
                        j++;
                        d = s.charAt(j);
                    }
                    v.append(d);
                    j++;
                }
                out.add(new Token(v.toString(), c == '`' ? Token.IDENT : Token.STRING));
                i = j + 1;
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(s.substring(i, j), Token.WORD));
                i = j;
            } else {
                out.add(new Token(String.valueOf(c), Token.PUNCT));
                i++;
            }
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    /**
     * One token of {@link #tokenize}: a word, a backtick-quoted name, a string literal or one
     * punctuation character ({@code type} is one of the constants).
     */
    public record Token(String value, int type) {
        static final int WORD = 0;
        static final int IDENT = 1;
        static final int STRING = 2;
        static final int PUNCT = 3;

        /** An unquoted word (a keyword or a bare name). */
        public boolean word() {
            return type == WORD;
        }

        /** A word or a backtick-quoted name. */
        public boolean name() {
            return type == WORD || type == IDENT;
        }

        /** The word in upper case; empty for other tokens. */
        public String upper() {
            return type == WORD ? value.toUpperCase(Locale.ROOT) : "";
        }
    }
}
