package io.cutkit.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes: output form and log detail. */
final class GlobalOptions {

    @Option(names = "--json", description = "Print the result as JSON on stdout (progress and errors stay on stderr).")
    boolean json;

    @Option(names = {"-v", "--verbose"},
            description = "Log more on stderr: once for INFO, twice for DEBUG (default WARN); also prints stack traces.")
    boolean[] verbose = new boolean[0];

    /** The slf4j-simple level these options ask for. */
    String logLevel() {
        return verbose.length >= 2 ? "debug" : verbose.length == 1 ? "info" : "warn";
    }

    boolean verbose() {
        return verbose.length > 0;
    }
}
