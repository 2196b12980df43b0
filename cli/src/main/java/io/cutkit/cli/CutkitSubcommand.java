package io.cutkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A leaf subcommand: takes the {@link GlobalOptions}, sets the log level, then runs against a
 * {@link Console} and returns an {@link ExitCodes exit code}.
 */
abstract class CutkitSubcommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        System.setProperty(CutkitCommand.LOG_LEVEL_PROPERTY, global.logLevel());
        return run(new Console(System.out, System.err, global.json));
    }

    /** Does the work and prints the result; returns {@link ExitCodes#OK} or {@link ExitCodes#FINDING}. */
    abstract int run(Console console) throws Exception;

    /** A usage error naming {@code option} (exit code 2). */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
