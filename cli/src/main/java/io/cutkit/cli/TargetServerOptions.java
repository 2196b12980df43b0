package io.cutkit.cli;

import io.cutkit.mysql.dump.ServerAddress;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The server a command works on: {@code --target URL --target-user U --target-password-file F}. */
final class TargetServerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "URL", description = "Target server, a JDBC URL without password (jdbc:mysql://host:3306/).")
    String url;

    @Option(names = "--target-user", paramLabel = "USER", description = "Target server account.")
    String user;

    @Option(names = "--target-password-file", paramLabel = "FILE", description = "File holding the target password (mode 600).")
    Path passwordFile;

    @Option(names = "--target-password-env", paramLabel = "NAME", description = "Environment variable holding the target password.")
    String passwordEnv;

    @Option(names = "--target-password-stdin", description = "Read the target password from standard input.")
    boolean passwordStdin;

    boolean given() {
        return url != null;
    }

    ServerAddress address() {
        return ServerLogin.address(spec, "target", url, user, passwordFile, passwordEnv, passwordStdin);
    }
}
