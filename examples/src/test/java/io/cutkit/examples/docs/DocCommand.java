package io.cutkit.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code cutkit} or {@code mvn} command the docs show: a line of a shell block (continuations joined, a
 * {@code $ } prompt and {@code #} comments dropped), or an inline code span. A span is a synopsis: it may hold
 * placeholders ({@code <name>}, {@code NAME}, {@code [...]}), so only the names in it are checked.
 */
record DocCommand(String where, Program program, List<String> args, boolean synopsis) {

    /** What the command runs. */
    enum Program { CUTKIT, MAVEN }

    private static final Pattern COMMAND_START = Pattern.compile("\\s*(\\./cutkit|cutkit|java|mvn)(\\s|$)");
    private static final Set<String> SHELL_LANGUAGES = Set.of("", "sh", "bash", "console", "shell");

    /** Every command of {@code doc}: its shell blocks' command lines, then its inline spans that are commands. */
    static List<DocCommand> in(Markdown doc) {
        List<DocCommand> commands = new ArrayList<>();
        for (Markdown.Block block : doc.blocks()) {
            if (SHELL_LANGUAGES.contains(block.language())) {
                commands.addAll(inBlock(block));
            }
        }
        for (Markdown.Span span : doc.spans()) {
            of(span.file() + ":" + span.line(), span.text(), true).ifPresent(commands::add);
        }
        return commands;
    }

    private static List<DocCommand> inBlock(Markdown.Block block) {
        // in a block with prompts, the lines without one are the commands' output
        boolean prompted = block.lines().stream().anyMatch(line -> line.startsWith("$ "));
        List<DocCommand> commands = new ArrayList<>();
        for (int i = 0; i < block.lines().size(); i++) {
            int first = i;
            StringBuilder line = new StringBuilder(block.lines().get(i));
            while (line.toString().endsWith("\\") && i + 1 < block.lines().size()) {
                line.setLength(line.length() - 1);
                line.append(' ').append(block.lines().get(++i));
            }
            String text = line.toString();
            if (prompted && !text.startsWith("$ ")) {
                continue;
            }
            String command = text.startsWith("$ ") ? text.substring(2) : text;
            of(block.where(first), command, false).ifPresent(commands::add);
        }
        return commands;
    }

    private static Optional<DocCommand> of(String where, String text, boolean synopsis) {
        if (!COMMAND_START.matcher(text).lookingAt()) {
            return Optional.empty();
        }
        List<String> words = ShellWords.split(text.strip());
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String program = words.get(0);
        if (program.equals("./cutkit") || program.equals("cutkit")) {
            return Optional.of(new DocCommand(where, Program.CUTKIT, words.subList(1, words.size()), synopsis));
        }
        int jar = words.indexOf("-jar");
        if (program.equals("java") && jar > 0 && jar + 1 < words.size() && words.get(jar + 1).endsWith("cutkit.jar")) {
            return Optional.of(new DocCommand(where, Program.CUTKIT, words.subList(jar + 2, words.size()), synopsis));
        }
        if (program.equals("mvn")) {
            return Optional.of(new DocCommand(where, Program.MAVEN, words.subList(1, words.size()), synopsis));
        }
        return Optional.empty();
    }

    /** The command as the docs show it, for messages. */
    String text() {
        return (program == Program.CUTKIT ? "cutkit " : "mvn ") + String.join(" ", args);
    }
}
