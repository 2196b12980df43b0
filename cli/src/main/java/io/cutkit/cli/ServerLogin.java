package io.cutkit.cli;

import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.dump.ServerAddress;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns one server's options ({@code --<role> URL --<role>-user U --<role>-password-file F}) into a
 * {@link ServerAddress}. A URL that carries a password is refused: passwords come from files,
 * environment variables or stdin only.
 */
final class ServerLogin {

    private static final Pattern PASSWORD_IN_URL = Pattern.compile(
            "(?i)([?&;(,]\\s*password\\s*=)|(^jdbc:mysql://[^/?@]*:[^/?@]*@)");

    private ServerLogin() {
    }

    /** True when {@code jdbcUrl} holds a password ({@code password=...} or {@code user:pass@host}). */
    static boolean carriesPassword(String jdbcUrl) {
        return PASSWORD_IN_URL.matcher(jdbcUrl).find();
    }

    /** The address from the options of server {@code role} ({@code source} or {@code target}). */
    static ServerAddress address(CommandSpec spec, String role, String url, String user, Path passwordFile,
            String passwordEnv, boolean passwordStdin) {
        String option = "--" + role;
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '" + option + "=URL'");
        }
        if (carriesPassword(url)) {
            throw new ParameterException(spec.commandLine(), option + ": the JDBC URL carries a password; remove it and"
                    + " pass it with " + option + "-password-file (or " + option + "-password-env, " + option
                    + "-password-stdin)");
        }
        if (user == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '" + option + "-user=USER'");
        }
        Secret password = SecretInput.read(spec, option + "-password", passwordFile, passwordEnv, passwordStdin);
        try {
            return new ServerAddress(url, user, password);
        } catch (IllegalArgumentException e) {
            password.close();
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
