package io.cutkit.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One Markdown document: its fenced blocks and its inline code spans, each with the line it starts on. */
record Markdown(String name, List<Block> blocks, List<Span> spans) {

    private static final Pattern SNIPPET_COMMENT = Pattern.compile("^<!--\\s*snippet:(.*?)-->\\s*$");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

    /**
     * A fenced block; {@code firstLine} is the 1-based line of its first content line, {@code section} the title of
     * the {@code ##} heading it is under ("" before the first).
     */
    record Block(String file, String section, int firstLine, String language, List<String> lines,
                 Optional<String> snippetComment) {
        String where(int index) {
            return file + ":" + (firstLine + index);
        }
    }

    /** An inline code span. */
    record Span(String file, int line, String text) {
    }

    /** README.md and every docs/*.md under {@code root}, in name order. */
    static List<Markdown> documents(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Markdown> documents = new ArrayList<>();
        for (Path file : files) {
            documents.add(parse(root.relativize(file).toString(), Files.readAllLines(file)));
        }
        return documents;
    }

    static Markdown parse(String name, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        String section = "";
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
            }
            if (line.startsWith("```")) {
                String language = line.substring(3).trim();
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalStateException(name + ":" + (i + 1) + ": a fenced block that never closes");
                }
                blocks.add(new Block(name, section, start + 1, language, List.copyOf(lines.subList(start, end)),
                        snippetComment(lines, i)));
                i = end + 1;
            } else {
                Matcher span = SPAN.matcher(line);
                while (span.find()) {
                    spans.add(new Span(name, i + 1, span.group(1)));
                }
                i++;
            }
        }
        return new Markdown(name, List.copyOf(blocks), List.copyOf(spans));
    }

    /** The {@code <!-- snippet: ... -->} comment on the line right before the fence at {@code fence}, if any. */
    private static Optional<String> snippetComment(List<String> lines, int fence) {
        if (fence == 0) {
            return Optional.empty();
        }
        Matcher comment = SNIPPET_COMMENT.matcher(lines.get(fence - 1).trim());
        return comment.matches() ? Optional.of(comment.group(1).trim()) : Optional.empty();
    }
}
