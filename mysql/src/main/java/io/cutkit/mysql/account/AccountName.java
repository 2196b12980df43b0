package io.cutkit.mysql.account;

import java.util.Objects;

/**
 * A MySQL/MariaDB account, {@code 'user'@'host'}.
 *
 * @param user user name (may be empty only for anonymous accounts, which are refused here)
 * @param host host pattern, e.g. {@code %} or {@code 10.0.0.%}
 */
public record AccountName(String user, String host) {

    public AccountName {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("Account user name must not be empty");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Account host must not be empty; use % for any host");
        }
    }

    /**
     * Parses a definer as {@code information_schema} reports it ({@code optileads_app@%}) or as a dump
     * writes it ({@code `optileads_app`@`%`}). Host names cannot contain {@code @}, so the last one
     * separates user from host.
     *
     * @throws IllegalArgumentException when there is no {@code @}
     */
    public static AccountName parse(String definer) {
        int at = definer.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("Not an account: '" + definer + "'; expected user@host");
        }
        return new AccountName(unquote(definer.substring(0, at)), unquote(definer.substring(at + 1)));
    }

    private static String unquote(String part) {
        if (part.length() >= 2 && (part.startsWith("`") && part.endsWith("`") || part.startsWith("'") && part.endsWith("'"))) {
            return part.substring(1, part.length() - 1);
        }
        return part;
    }

    /** {@code 'user'@'host'}, quoted for messages. */
    @Override
    public String toString() {
        return "'" + user + "'@'" + host + "'";
    }
}
