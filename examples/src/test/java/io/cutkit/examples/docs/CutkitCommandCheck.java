package io.cutkit.examples.docs;

import io.cutkit.cli.CutkitCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks a documented {@code cutkit} command against the real command line: a command of a shell block must parse
 * (picocli's {@code parseArgs}, nothing runs); in a synopsis every subcommand and option named must exist, and so
 * must an option a guide names on its own.
 */
final class CutkitCommandCheck {

    private CutkitCommandCheck() {
    }

    /** Why {@code command} does not fit the command line, or empty when it does. */
    static Optional<String> problem(DocCommand command) {
        if (!command.synopsis()) {
            // a fresh command line for each parse, configured as CutkitCommand.execute configures it
            CommandLine cutkit = new CommandLine(new CutkitCommand()).setCaseInsensitiveEnumValuesAllowed(true);
            try {
                cutkit.parseArgs(command.args().toArray(String[]::new));
                return Optional.empty();
            } catch (ParameterException e) {
                return Optional.of(e.getMessage());
            }
        }
        return namesProblem(Cutkit.SPEC, command.args());
    }

    /**
     * Why the option a command-line guide names in an inline span ({@code --target-flavor}, {@code --json},
     * {@code --<role>-password-file FILE}, {@code --source-password-file|env|stdin}) is no option of any cutkit
     * command, or empty when each option it stands for is one; a span that does not start with an option is fine.
     */
    static Optional<String> optionProblem(String span) {
        String first = span.split("\\s+")[0];
        if (!first.matches("--[a-z<].*")) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (String role : first.contains("<role>") ? List.of("source", "target") : List.of("")) {
            String[] alternatives = first.replace("<role>", role).split("\\|");
            String stem = alternatives[0].substring(0, alternatives[0].lastIndexOf('-') + 1);
            names.add(alternatives[0]);
            Stream.of(alternatives).skip(1).map(alternative -> stem + alternative).forEach(names::add);
        }
        List<String> missing = names.stream().filter(name -> !Cutkit.OPTION_NAMES.contains(name)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("no cutkit command has the option" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
    }

    /** The command line's model and every option name of every command, read once (a synopsis only reads them). */
    private static final class Cutkit {
        static final CommandSpec SPEC = new CommandLine(new CutkitCommand()).getCommandSpec();
        static final Set<String> OPTION_NAMES = allOptionNames(SPEC, new TreeSet<>());
    }

    private static Set<String> allOptionNames(CommandSpec spec, Set<String> names) {
        spec.options().forEach(option -> names.addAll(List.of(option.names())));
        spec.subcommands().values().forEach(sub -> allOptionNames(sub.getCommandSpec(), names));
        return names;
    }

    private static Optional<String> namesProblem(CommandSpec root, List<String> words) {
        // the subcommand path; a word "plan|apply" stands for each of its alternatives
        List<CommandSpec> specs = List.of(root);
        int i = 0;
        while (i < words.size()) {
            List<CommandSpec> current = specs;
            List<String> alternatives = List.of(words.get(i).split("\\|", -1));
            if (!alternatives.stream().allMatch(a -> current.stream().allMatch(spec -> spec.subcommands().containsKey(a)))) {
                break;
            }
            specs = current.stream().flatMap(spec -> alternatives.stream().map(a -> spec.subcommands().get(a).getCommandSpec()))
                    .toList();
            i++;
        }
        for (CommandSpec spec : specs) {
            boolean group = spec.subcommands().keySet().stream().anyMatch(name -> !name.equals("help"));
            if (group && i < words.size() && !isPlaceholderOrOption(words.get(i))) {
                return Optional.of("'" + spec.qualifiedName() + "' has no subcommand '" + words.get(i) + "'; it has "
                        + spec.subcommands().keySet());
            }
            for (int w = i; w < words.size(); w++) {
                String option = bare(words.get(w)).split("[|=]", -1)[0];
                if (!option.startsWith("-")) {
                    continue;
                }
                OptionSpec found = spec.findOption(option);
                if (found == null) {
                    return Optional.of("'" + spec.qualifiedName() + "' has no option '" + option + "'");
                }
                Optional<String> value = w + 1 < words.size() ? Optional.of(bare(words.get(w + 1))) : Optional.empty();
                if (found.typeInfo().isEnum() && value.isPresent() && value.get().matches("[A-Z0-9_]+(\\|[A-Z0-9_]+)*")) {
                    List<String> constants = found.typeInfo().getEnumConstantNames();
                    for (String constant : value.get().split("\\|")) {
                        if (constants.stream().noneMatch(constant::equalsIgnoreCase)) {
                            return Optional.of("'" + spec.qualifiedName() + " " + option + "' takes " + constants
                                    + ", not '" + constant + "'");
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code word} without the brackets and parentheses of a synopsis. */
    private static String bare(String word) {
        return word.replaceAll("^[\\[(]+", "").replaceAll("[\\])]+$", "");
    }

    private static boolean isPlaceholderOrOption(String word) {
        return word.startsWith("<") || word.equals("...") || word.startsWith("[") || word.startsWith("-");
    }
}
