package io.cutkit.mysql.script;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * The statements of a script and of the files its {@code source} commands name, in the order the
 * {@code mariadb} client runs them: a sourced file's statements come in place of the command (nested
 * sources too, up to {@value #MAX_DEPTH} deep), each marked with its {@link ScriptStatement#file()}.
 * A relative name is resolved against the directory of the script given, where the client is run
 * from in the usual {@code cd dir && mariadb db < script.sql}. The commands themselves are not
 * returned. A file that cannot be read fails with a {@link ScriptFormatException} naming the command's
 * line ({@link SourcedFileException}). Not thread-safe.
 */
public final class ScriptFiles implements Closeable {

    static final int MAX_DEPTH = 16;

    private final Path baseDirectory;
    private final Function<InputStream, StatementSplitter> splitters;
    private final Deque<Open> open = new ArrayDeque<>();

    private record Open(StatementSplitter splitter, String name) {
    }

    private ScriptFiles(StatementSplitter script, Path baseDirectory, Function<InputStream, StatementSplitter> splitters) {
        this.baseDirectory = baseDirectory;
        this.splitters = splitters;
        open.push(new Open(script, null));
    }

    /**
     * Follows the {@code source} commands of {@code script}, read from a file in {@code baseDirectory};
     * sourced files are read with splitters from {@code splitters} (e.g. {@code StatementSplitter::over}).
     */
    public static ScriptFiles following(StatementSplitter script, Path baseDirectory,
            Function<InputStream, StatementSplitter> splitters) {
        return new ScriptFiles(script, baseDirectory, splitters);
    }

    /** The next statement, or {@code null} after the last one of the script. */
    public ScriptStatement next() throws IOException {
        while (true) {
            Open current = open.peek();
            ScriptStatement s = current.splitter().next();
            if (s == null) {
                if (open.size() == 1) {
                    return null;
                }
                open.pop().splitter().close();
                continue;
            }
            if (s.head().kind() == StatementKind.SOURCE) {
                enter(s, current.name());
                continue;
            }
            return current.name() == null ? s : s.inFile(current.name());
        }
    }

    private void enter(ScriptStatement command, String from) {
        String name = command.head().name();
        String where = (from == null ? "" : from + " ") + "line " + command.line() + ": source " + name;
        if (name.isEmpty()) {
            throw new SourcedFileException(where + " names no file; write 'source file.sql'", command.offset(), command.line());
        }
        if (open.size() > MAX_DEPTH) {
            throw new SourcedFileException(where + " nests sourced files more than " + MAX_DEPTH + " deep (a file that"
                    + " sources itself?)", command.offset(), command.line());
        }
        Path file = baseDirectory.resolve(name);
        try {
            open.push(new Open(splitters.apply(Files.newInputStream(file)), name));
        } catch (IOException e) {
            throw new SourcedFileException(where + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the mariadb client stops there too", command.offset(), command.line());
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        while (!open.isEmpty()) {
            try {
                open.pop().splitter().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
