package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every subcommand of the built jar answers --help (exit 0) and names an unknown option (exit 2). */
class SubcommandHelpAndUsageIT {

    static Stream<Arguments> subcommands() {
        return Stream.of(
                Arguments.of("inspect", "--database"),
                Arguments.of("export", "--source-password-file"),
                Arguments.of("import", "--target-password-file"),
                Arguments.of("verify", "--target-database"),
                Arguments.of("migrations plan", "--history"),
                Arguments.of("migrations apply", "--dir"),
                Arguments.of("guard sample-decrypt", "--key-env-file"),
                Arguments.of("guard scan", "--expect"),
                Arguments.of("secret pipe", "--to-env-file"),
                Arguments.of("numbers plan", "--webhook-base"),
                Arguments.of("numbers apply", "--previous-routes"),
                Arguments.of("numbers rollback", "--credentials"));
    }

    private static String[] args(String subcommand, String... more) {
        List<String> args = new ArrayList<>(List.of(subcommand.split(" ")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("subcommands")
    void helpExitsZeroAndNamesTheOptions(String subcommand, String option) {
        CutkitJar.Run run = CutkitJar.run(args(subcommand, "--help"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Usage: cutkit " + subcommand).contains(option).contains("--json");
    }

    @ParameterizedTest(name = "{0} with an unknown option")
    @MethodSource("subcommands")
    void unknownOptionIsAUsageErrorNamingIt(String subcommand, String option) {
        CutkitJar.Run run = CutkitJar.run(args(subcommand, "--no-such-option"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--no-such-option");
        assertThat(run.stdout()).isEmpty();
    }
}
