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
        List<Integer> paragraph = new ArrayList<>();
        String section = "";
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
            }
            if (line.startsWith("```") || line.isBlank()) {
                spans.addAll(spans(name, lines, paragraph));
                paragraph.clear();
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
                if (!line.isBlank()) {
                    paragraph.add(i);
                }
                i++;
            }
        }
        spans.addAll(spans(name, lines, paragraph));
        return new Markdown(name, List.copyOf(blocks), List.copyOf(spans));
    }

    /**
     * The code spans of one paragraph (the indexes of its lines): a run of n backticks up to the next run of exactly
     * n, line breaks inside read as spaces. An indented code block (its first line indented four spaces) has none.
     */
    private static List<Span> spans(String name, List<String> lines, List<Integer> paragraph) {
        if (paragraph.isEmpty() || lines.get(paragraph.get(0)).startsWith("    ")) {
            return List.of();
        }
        StringBuilder text = new StringBuilder();
        List<Integer> lineAt = new ArrayList<>();
        for (int index : paragraph) {
            for (char c : (lines.get(index) + "\n").toCharArray()) {
                text.append(c);
                lineAt.add(index + 1);
            }
        }
        List<Span> spans = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            if (text.charAt(at) != '`') {
                at++;
                continue;
            }
            int run = runLength(text, at);
            int close = at + run;
            while (close < text.length() && !(text.charAt(close) == '`' && runLength(text, close) == run)) {
                close += text.charAt(close) == '`' ? runLength(text, close) : 1;
            }
            if (close >= text.length()) {
                at += run;
                continue;
            }
            spans.add(new Span(name, lineAt.get(at), text.substring(at + run, close).replace('\n', ' ').strip()));
            at = close + run;
        }
        return spans;
    }

    private static int runLength(CharSequence text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) == '`') {
            end++;
        }
        return end - from;
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
