package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to do with the {@code DEFINER=} clause of views, triggers, routines and events when a dump is
 * written or loaded: {@link #keep()} it, {@link #strip()} it (the object then runs as the importing
 * account), or {@link #rewriteTo(String, String)} another account.
 */
public sealed interface DefinerPolicy {

    /** Leave DEFINER clauses as they are (the accounts must exist on the target, see {@link DumpVerdict.MissingDefiner}). */
    static DefinerPolicy keep() {
        return new Keep();
    }

    /** Remove DEFINER clauses: objects are owned by the account that creates them. */
    static DefinerPolicy strip() {
        return new Strip();
    }

    /** Replace every DEFINER with {@code `user`@`host`}. */
    static DefinerPolicy rewriteTo(String user, String host) {
        return new RewriteTo(user, host);
    }

    /** Applies the policy to the first DEFINER clause of {@code statement}; returns it unchanged when there is none. */
    String apply(String statement);

    /** Keeps DEFINER clauses. */
    record Keep() implements DefinerPolicy {
        @Override
        public String apply(String statement) {
            return statement;
        }
    }

    /** Removes DEFINER clauses. */
    record Strip() implements DefinerPolicy {
        @Override
        public String apply(String statement) {
            Matcher m = Clause.PATTERN.matcher(statement);
            return m.find() ? statement.substring(0, m.start()) + statement.substring(m.end()) : statement;
        }
    }

    /** Rewrites DEFINER clauses to one account. */
    record RewriteTo(String user, String host) implements DefinerPolicy {
        public RewriteTo {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String apply(String statement) {
            Matcher m = Clause.PATTERN.matcher(statement);
            if (!m.find()) {
                return statement;
            }
            return statement.substring(0, m.start()) + "DEFINER=" + StatementHead.quote(user) + "@" + StatementHead.quote(host)
                    + statement.substring(m.end());
        }
    }

    /** Finds and parses DEFINER clauses. */
    final class Clause {
        private static final String PART = "(`(?:[^`]|``)*`|'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"|[A-Za-z0-9_$.%:-]+)";
        static final Pattern PATTERN = Pattern.compile(
                "(?i)DEFINER\\s*=\\s*(?:CURRENT_USER(?:\\s*\\(\\s*\\))?|" + PART + "\\s*@\\s*" + PART + ")");

        private Clause() {
        }

        /** The {@code (user, host)} of the first DEFINER clause, empty when there is none or it is CURRENT_USER. */
        static Optional<String[]> find(String statement) {
            Matcher m = PATTERN.matcher(statement);
            if (!m.find() || m.group(1) == null) {
                return Optional.empty();
            }
            return Optional.of(new String[] {unquote(m.group(1)), unquote(m.group(2))});
        }

        static String unquote(String part) {
            char q = part.charAt(0);
            if (q == '`' || q == '\'' || q == '"') {
                String inner = part.substring(1, part.length() - 1);
                return inner.replace(String.valueOf(q) + q, String.valueOf(q)).replace("\\" + q, String.valueOf(q));
            }
            return part;
        }
    }
}
