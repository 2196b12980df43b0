package io.cutkit.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ```java block of the docs turned into a compilation unit, by the convention in {@link DocSnippetsCompileTest}:
 * a block that declares a type is compiled as it is, anything else is the body of a method whose parameters are the
 * block's {@code var=} entries; both get the standard imports and the block's {@code import=} entries.
 */
record JavaSnippet(Markdown.Block block, String packageName, String typeName, String source, int headerLines) {

    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "^(@\\w+.*|((public|final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s+\\w+.*)$");
    private static final Pattern TYPE_NAME = Pattern.compile(
            "^((public|final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s+(\\w+)");

    static JavaSnippet of(Markdown.Block block, int index, List<String> standardImports) {
        List<String> imports = new ArrayList<>(standardImports);
        List<String> variables = new ArrayList<>();
        block.snippetComment().ifPresent(comment -> {
            for (String entry : comment.split(";")) {
                String trimmed = entry.trim();
                if (trimmed.startsWith("import=")) {
                    imports.add(trimmed.substring("import=".length()).trim());
                } else if (trimmed.startsWith("var=")) {
                    variables.add(trimmed.substring("var=".length()).trim());
                } else if (!trimmed.isEmpty()) {
                    throw new IllegalArgumentException(block.where(-2) + ": unknown snippet entry '" + trimmed
                            + "' (use import=<name> or var=<Type> <name>, separated by ';')");
                }
            }
        });
        String packageName = "docsnippet.s" + index;
        List<String> header = new ArrayList<>();
        header.add("package " + packageName + ";");
        imports.forEach(name -> header.add("import " + name + ";"));
        boolean wholeType = block.lines().stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .findFirst().map(line -> TYPE_DECLARATION.matcher(line).matches()).orElse(false);
        List<String> footer = new ArrayList<>();
        if (!wholeType) {
            header.add("class Snippet {");
            header.add("    void run(" + String.join(", ", variables) + ") throws Exception {");
            footer.add("    }");
            footer.add("}");
        } else if (!variables.isEmpty()) {
            throw new IllegalArgumentException(block.where(-2) + ": var= entries need a fragment, not a whole type");
        }
        List<String> all = new ArrayList<>(header);
        all.addAll(block.lines());
        all.addAll(footer);
        String typeName = wholeType ? block.lines().stream().map(String::strip).map(TYPE_NAME::matcher)
                .filter(Matcher::find).map(m -> m.group(4)).findFirst().orElse("Snippet") : "Snippet";
        return new JavaSnippet(block, packageName, typeName, String.join("\n", all) + "\n", header.size());
    }

    /** The Markdown file and line of line {@code sourceLine} (1-based) of the generated source. */
    String where(long sourceLine) {
        long index = sourceLine - headerLines - 1;
        return index >= 0 && index < block.lines().size() ? block.where((int) index)
                : block.where(0) + " (generated line " + sourceLine + ")";
    }
}
