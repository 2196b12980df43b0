package io.cutkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code cutkit}: the command line over cutkit's primitives, one subcommand per primitive. Exit codes
 * are {@link ExitCodes}: 0 ok, 1 a finding or refusal, 2 a usage error naming the option, 3 an
 * unexpected failure (one line on stderr; the stack trace with {@code --verbose}).
 */
@Command(name = "cutkit", mixinStandardHelpOptions = true, versionProvider = CutkitCommand.Version.class,
        description = "Primitives for a boring production data cutover.",
        subcommands = {DryRunCommand.class, InspectCommand.class, ExportCommand.class, ImportCommand.class, VerifyCommand.class,
            MigrationsCommand.class, GuardCommand.class, SecretCommand.class, NumbersCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 finding or refusal, 2 usage error, 3 unexpected failure."})
public final class CutkitCommand extends CommandGroup {

    /** slf4j-simple's level property; WARN unless a subcommand is given --verbose. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** Runs {@code cutkit} and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code cutkit} with {@code args} in this JVM and returns the exit code. */
    public static int execute(String... args) {
        System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        CommandLine commandLine = new CommandLine(new CutkitCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(CutkitCommand::usageError);
        commandLine.setExecutionExceptionHandler(CutkitCommand::failure);
        return commandLine.execute(args);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        ParseResult parsed = command.getParseResult();
        // picocli checks required options before it reports unknown ones; the unknown one is the likelier mistake
        String message = parsed != null && !parsed.unmatched().isEmpty() && !(e instanceof UnmatchedArgumentException)
                ? "Unknown option: '" + parsed.unmatched().get(0) + "'" : e.getMessage();
        err.println(command.getCommandSpec().qualifiedName() + ": " + message);
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code = Refusals.isRefusal(e) ? ExitCodes.FINDING : ExitCodes.FAILURE;
        String message = e.getMessage() != null ? e.getMessage()
                : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "";
        // cutkit's own exceptions are written for the user; any other names its type
        boolean ours = e.getClass().getName().startsWith("io.cutkit.") && !message.isEmpty();
        String line = code == ExitCodes.FINDING ? message
                : ours ? message.lines().findFirst().orElse("")
                : e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse(""));
        err.println(command.getCommandSpec().qualifiedName() + ": " + (code == ExitCodes.FINDING ? "refused: " : "error: ") + line);
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean verbose(ParseResult parsed) {
        ParseResult innermost = parsed;
        while (innermost.hasSubcommand()) {
            innermost = innermost.subcommand();
        }
        return innermost.hasMatchedOption("--verbose");
    }

    /** The version Maven wrote into {@code cutkit-cli.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = CutkitCommand.class.getResourceAsStream("/cutkit-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"cutkit " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
