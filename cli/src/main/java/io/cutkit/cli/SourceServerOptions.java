package io.cutkit.cli;

import io.cutkit.mysql.dump.ServerAddress;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The server data is read from: {@code --source URL --source-user U --source-password-file F}. */
final class SourceServerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "URL", description = "Source server, a JDBC URL without password (jdbc:mysql://host:3306/).")
    String url;

    @Option(names = "--source-user", paramLabel = "USER", description = "Source server account.")
    String user;

    @Option(names = "--source-password-file", paramLabel = "FILE", description = "File holding the source password (mode 600).")
    Path passwordFile;

    @Option(names = "--source-password-env", paramLabel = "NAME", description = "Environment variable holding the source password.")
    String passwordEnv;

    @Option(names = "--source-password-stdin", description = "Read the source password from standard input.")
    boolean passwordStdin;

    boolean given() {
        return url != null;
    }

    ServerAddress address() {
        return ServerLogin.address(spec, "source", url, user, passwordFile, passwordEnv, passwordStdin);
    }
}
