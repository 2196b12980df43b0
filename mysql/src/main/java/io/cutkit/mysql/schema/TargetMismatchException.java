package io.cutkit.mysql.schema;

/** A recreate named a database other than the one the recreator was configured to drop. Nothing was dropped. */
public class TargetMismatchException extends RecreateRefusedException {

    private static final long serialVersionUID = 1L;

    private final String configured;
    private final String requested;

    public TargetMismatchException(String configured, String requested) {
        super("Refusing to drop `" + requested + "`: this recreator may only drop and recreate `" + configured
                + "`. Build a recreator for `" + requested + "` if that is really the target.");
        this.configured = configured;
        this.requested = requested;
    }

    public String configured() {
        return configured;
    }

    public String requested() {
        return requested;
    }
}
