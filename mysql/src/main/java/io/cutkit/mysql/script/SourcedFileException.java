package io.cutkit.mysql.script;

/**
 * A {@code source} command names a file that cannot be read, names none, or nests too deep; carries
 * the command's line in the script that holds it.
 */
public final class SourcedFileException extends ScriptFormatException {

    SourcedFileException(String message, long offset, long line) {
        super(message, offset, line);
    }
}
