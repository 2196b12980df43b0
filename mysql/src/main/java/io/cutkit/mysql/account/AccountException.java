package io.cutkit.mysql.account;

/**
 * An account could not be created, altered, granted or inspected. Messages never contain a
 * password: for statements that carry one, only the server's error code and SQL state are kept, and
 * the driver's exception is not attached.
 */
public class AccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    public AccountException(String message, int errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public AccountException(String message, int errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The server's error number, or 0 when the failure did not come from the server. */
    public int errorCode() {
        return errorCode;
    }
}
