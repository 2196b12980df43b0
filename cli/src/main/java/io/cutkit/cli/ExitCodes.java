package io.cutkit.cli;

/** What a {@code cutkit} exit code means; each code means one thing in every subcommand. */
public final class ExitCodes {

    /** The command did what was asked and found nothing wrong. */
    public static final int OK = 0;
    /** A finding or a refusal: the library checked something and said no (nothing half-done). */
    public static final int FINDING = 1;
    /** A usage error: a missing, unknown or invalid option, named in the message. */
    public static final int USAGE = 2;
    /** An unexpected failure (a server that cannot be reached, an I/O error); one line on stderr. */
    public static final int FAILURE = 3;

    private ExitCodes() {
    }
}
