package io.cutkit.cli;

import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.EnvFileSecretSink;
import io.cutkit.core.secret.EnvSecretSource;
import io.cutkit.core.secret.FileSecretSink;
import io.cutkit.core.secret.SecretPipe;
import io.cutkit.core.secret.SecretReceipt;
import io.cutkit.core.secret.SecretSink;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.core.secret.StdinSecretSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutkit secret pipe}: move one secret without showing it (SecretPipe); prints its fingerprint only. */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Move secrets without ever showing them.",
        subcommands = SecretCommand.Pipe.class)
final class SecretCommand extends CommandGroup {

    @Command(name = "pipe", mixinStandardHelpOptions = true,
            description = {"Move one secret and print its fingerprint, never its value.",
                "Reads an env file, an environment variable or stdin, refuses a placeholder (exit 1), writes a file",
                "or an env file and reads it back."})
    static final class Pipe extends CutkitSubcommand {

        /** Exactly one source. */
        static final class From {
            @Option(names = "--from-env-file", paramLabel = "FILE", required = true,
                    description = "Env file (mode 600) holding the secret under --from-name.")
            Path envFile;

            @Option(names = "--from-env", paramLabel = "VAR", required = true, description = "Environment variable holding the secret.")
            String env;

            @Option(names = "--from-stdin", required = true, description = "Read the secret from standard input.")
            boolean stdin;
        }

        /** Exactly one destination. */
        static final class To {
            @Option(names = "--to-file", paramLabel = "FILE", required = true, description = "File to write (replaced, mode 600).")
            Path file;

            @Option(names = "--to-env-file", paramLabel = "FILE", required = true,
                    description = "Env file in which to set --name (other lines kept, mode 600).")
            Path envFile;
        }

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "The secret's name, e.g. ENCRYPTION_KEY.")
        String name;

        @Option(names = "--from-name", paramLabel = "NAME", description = "Its name in --from-env-file (default: --name).")
        String fromName;

        @ArgGroup(exclusive = true, multiplicity = "1")
        From from;

        @ArgGroup(exclusive = true, multiplicity = "1")
        To to;

        @Override
        int run(Console console) {
            SecretSink sink = to.file != null ? FileSecretSink.of(to.file) : EnvFileSecretSink.of(to.envFile, name);
            SecretReceipt receipt;
            if (from.envFile != null) {
                try (EnvFile env = SecretInput.envFile(spec, "--from-env-file", from.envFile)) {
                    String key = fromName == null ? name : fromName;
                    if (!env.contains(key)) {
                        throw usage("--from-env-file: " + from.envFile + " does not set " + key);
                    }
                    receipt = SecretPipe.standard().move(name, env.source(key), sink);
                }
            } else {
                if (from.env != null && System.getenv(from.env) == null) {
                    throw usage("--from-env: environment variable " + from.env + " is not set");
                }
                SecretSource source = from.env != null ? EnvSecretSource.of(from.env) : StdinSecretSource.standardInput();
                receipt = SecretPipe.standard().move(name, source, sink);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", receipt.name());
            doc.put("source", receipt.source());
            doc.put("destination", receipt.destination());
            doc.put("fingerprint", receipt.fingerprint());
            doc.put("sizeBytes", receipt.sizeBytes());
            doc.put("destinationVersion", receipt.destinationVersion());
            doc.put("verifiedByReadBack", receipt.verifiedByReadBack());
            console.result(receipt.toString(), doc);
            return ExitCodes.OK;
        }
    }
}
